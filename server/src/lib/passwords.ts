import { hash, verify } from '@node-rs/argon2';

/** OWASP's minimum for argon2id: 19 MiB, 2 passes, 1 lane. The library's default algorithm is argon2id. */
const ARGON2ID = { memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

/** Hashes a password with argon2id; the output carries its own salt and parameters. */
export function hashPassword(password: string): Promise<string> {
  return hash(password, ARGON2ID);
}

/** Verifies a password against a stored argon2 hash; a malformed hash counts as a mismatch. */
export async function verifyPassword(storedHash: string, password: string): Promise<boolean> {
  try {
    return await verify(storedHash, password);
  } catch {
    return false;
  }
}

/**
 * A hash of a random password, verified against when the e-mail is unknown so that a login
 * takes as long for a missing account as for a wrong password.
 */
let decoyHash: Promise<string> | undefined;
export function passwordDecoyHash(): Promise<string> {
  decoyHash ??= hashPassword(crypto.randomUUID());
  return decoyHash;
}

// Passwords of 10+ characters that appear near the top of leaked-password lists, plus the
// local favourites a pollería would pick. Shorter ones are already refused by length.
const COMMON_PASSWORDS = new Set([
  '1234567890',
  '0123456789',
  '9876543210',
  '1234567891',
  '12345678910',
  '123456789a',
  'a123456789',
  '123456789q',
  'q123456789',
  '1q2w3e4r5t',
  '1q2w3e4r5t6y',
  'q1w2e3r4t5',
  '1qaz2wsx3edc',
  'zaq12wsxcde3',
  'qwertyuiop',
  'qwertyuiop123',
  'qwerty1234',
  'qwerty12345',
  'qwerty123456',
  'asdfghjkl1',
  'asdfghjkl123',
  'zxcvbnm123',
  'abcdefghij',
  'abcd123456',
  'abc1234567',
  'abc123456789',
  'password12',
  'password123',
  'password1234',
  'password1!',
  'passw0rd123',
  'p@ssw0rd123',
  'iloveyou12',
  'iloveyou123',
  'administrator',
  'administrador',
  'contrasena',
  'contraseña',
  'contrasena1',
  'contrasena123',
  'contraseña123',
  'micontrasena',
  'teamo12345',
  'teamo123456',
  'tequiero123',
  'superman123',
  'batman12345',
  'princesa123',
  'football123',
  'baseball123',
  'welcome123',
  'bienvenido',
  'bienvenido1',
  'bienvenido123',
  'sunshine123',
  'starwars123',
  'dragon12345',
  'monkey12345',
  'letmein123',
  'trustno1234',
  'changeme123',
  'cambiame123',
  'master12345',
  'qazwsxedcrfv',
  '1122334455',
  '1212121212',
  '1231231234',
  '123123123123',
  '1234512345',
  '12341234',
  '123456123456',
  '147258369',
  '1472583690',
  '159753159753',
  '741852963',
  '7418529630',
  '1357924680',
  '2468013579',
  'peru123456',
  'perú123456',
  'peru12345678',
  'lima123456',
  'limaperu123',
  'arribaperu',
  'alianzalima',
  'alianza123',
  'universitario',
  'cristal1234',
  'pollo12345',
  'pollo123456',
  'polleria123',
  'pollobrasa',
  'polloalabrasa',
  'pollería123',
  'restaurante',
  'restaurante1',
  'restaurante123',
  'smartket123',
  'smartket1234',
  'minegocio123',
  'negocio123',
]);

/** True for passwords attackers try first: known leaks, one repeated character, plain runs. */
export function isCommonPassword(password: string): boolean {
  const normalized = password.toLowerCase();
  if (COMMON_PASSWORDS.has(normalized)) {
    return true;
  }
  if (/^(.)\1+$/u.test(normalized)) {
    return true;
  }
  return isSequentialRun(normalized);
}

const RUNS = ['01234567890123456789', 'abcdefghijklmnopqrstuvwxyz', 'qwertyuiopasdfghjklzxcvbnm'];

/** "12345678901", "0987654321", "abcdefghij", "qwertyuiop…": keyboard and counting runs. */
function isSequentialRun(value: string): boolean {
  return RUNS.some((run) => run.includes(value) || [...run].reverse().join('').includes(value));
}

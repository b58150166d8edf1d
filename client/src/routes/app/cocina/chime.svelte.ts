import { readStored, writeStored } from '#lib/stored.ts';

/** localStorage key: this screen wants the new-ticket sound (browsers still need a tap per visit). */
const SOUND_KEY = 'smartket.kitchen.sound';

/** Several tickets in one go (a catch-up, a big round) ring once. */
const QUIET_MS = 1500;

/**
 * `off`: silent. `on`: rings on each new ticket. `waiting`: the cook turned it on before, but
 * after a reload the browser lets a page play sound only after a tap on it.
 */
export type ChimeState = 'off' | 'waiting' | 'on';

function rememberedOn(): boolean {
  return readStored(SOUND_KEY) === 'on';
}

/** With storage blocked, the sound stays as it is until the next reload. */
function remember(on: boolean): void {
  writeStored(SOUND_KEY, on ? 'on' : 'off');
}

/**
 * The kitchen's "new ticket" sound: two short tones made with Web Audio (nothing to download,
 * nothing to cache). Browsers only start audio from a tap, so it starts in `enable()` — or, when
 * the screen had it on before, on the first tap anywhere (`unlock()`).
 */
export class Chime {
  state = $state<ChimeState>(rememberedOn() ? 'waiting' : 'off');
  #context: AudioContext | null = null;
  #lastRing = 0;

  /** "Activar sonido": must run inside the tap's handler. Rings once so the cook hears it works. */
  async enable(): Promise<void> {
    if (!(await this.#start())) {
      return;
    }
    this.state = 'on';
    remember(true);
    this.#lastRing = 0;
    this.ring();
  }

  /** "Silenciar". */
  disable(): void {
    this.state = 'off';
    remember(false);
  }

  /** Any tap on the screen: a sound turned on before this reload can start now. */
  async unlock(): Promise<void> {
    if (this.state === 'waiting' && (await this.#start())) {
      this.state = 'on';
    }
  }

  /** A new ticket arrived. */
  ring(): void {
    const context = this.#context;
    const now = Date.now();
    if (this.state !== 'on' || !context || context.state !== 'running' || now - this.#lastRing < QUIET_MS) {
      return;
    }
    this.#lastRing = now;
    const start = context.currentTime;
    tone(context, 880, start, 0.16);
    tone(context, 1320, start + 0.2, 0.24);
  }

  /** Lets go of the audio device (the screen is left). */
  close(): void {
    void this.#context?.close();
    this.#context = null;
  }

  async #start(): Promise<boolean> {
    try {
      this.#context ??= new AudioContext();
      if (this.#context.state === 'suspended') {
        await this.#context.resume();
      }
      return this.#context.state === 'running';
    } catch {
      return false;
    }
  }
}

/** One soft-edged sine tone: loud enough over a kitchen's noise, without a click. */
function tone(context: AudioContext, frequency: number, at: number, seconds: number): void {
  const oscillator = context.createOscillator();
  const gain = context.createGain();
  oscillator.type = 'sine';
  oscillator.frequency.value = frequency;
  gain.gain.setValueAtTime(0.0001, at);
  gain.gain.exponentialRampToValueAtTime(0.6, at + 0.02);
  gain.gain.exponentialRampToValueAtTime(0.0001, at + seconds);
  oscillator.connect(gain).connect(context.destination);
  oscillator.start(at);
  oscillator.stop(at + seconds + 0.02);
}

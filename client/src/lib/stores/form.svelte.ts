import { tick } from 'svelte';
import { ApiError, errorMessage } from '../api/client.ts';

type FieldErrors<Field extends string> = Partial<Record<Field, string>>;

/**
 * The state of one form that posts to the API: an error per field (the browser's own checks
 * first, then the server's), a banner for errors no field owns, and a guard that lets one
 * request out at a time however often the button is pressed.
 */
export class FormState<Field extends string> {
  errors = $state<FieldErrors<Field>>({});
  banner = $state<string | null>(null);
  submitting = $state(false);
  /** Bound to the inputs, so the first field at fault can take the focus. */
  inputs: Partial<Record<Field, HTMLInputElement | undefined>> = $state({});

  private readonly fields: readonly Field[];
  private readonly bannerId: string;

  /** `fields` in screen order; `bannerId` is the id of the banner's element. */
  constructor(fields: readonly Field[], bannerId: string) {
    this.fields = fields;
    this.bannerId = bannerId;
  }

  clearError(name: Field): void {
    if (this.errors[name]) {
      this.errors = { ...this.errors, [name]: undefined };
    }
  }

  /**
   * Stops at the browser's own errors; otherwise runs `send` once. On success `submitting`
   * stays on while the page moves away; an API error lands on its field or in the banner.
   */
  async submit(
    browserErrors: Partial<Record<Field, string | undefined>>,
    send: () => Promise<void>,
  ): Promise<void> {
    if (this.submitting) {
      return;
    }
    this.banner = null;
    this.errors = this.known(browserErrors);
    if (Object.keys(this.errors).length > 0) {
      await this.focusFirstError();
      return;
    }
    this.submitting = true;
    try {
      await send();
    } catch (error) {
      const apiError =
        error instanceof ApiError
          ? error
          : new ApiError({ status: 0, code: 'network', message: errorMessage('network') });
      this.errors = this.known(apiError.fields);
      if (Object.keys(this.errors).length === 0) {
        this.banner = apiError.message;
      }
      this.submitting = false;
      await this.focusFirstError();
    }
  }

  private known(candidates: Readonly<Record<string, string | undefined>>): FieldErrors<Field> {
    const found: FieldErrors<Field> = {};
    for (const field of this.fields) {
      const message = candidates[field];
      if (message) {
        found[field] = message;
      }
    }
    return found;
  }

  private async focusFirstError(): Promise<void> {
    await tick();
    const first = this.fields.find((name) => this.errors[name]);
    if (first) {
      this.inputs[first]?.focus();
      return;
    }
    document.getElementById(this.bannerId)?.focus();
  }
}

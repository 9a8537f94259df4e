"use client";

import type { ButtonHTMLAttributes, ReactNode } from "react";

type Props = ButtonHTMLAttributes<HTMLButtonElement> & {
  /** A request of this form is running: the button is disabled and says so. */
  busy: boolean;
  /** What the button says while busy ("Importing…"); its usual text when absent. */
  busyLabel?: ReactNode;
};

/** The submit button of every form: disabled while its request runs (issue 9.14). */
export function SubmitButton({ busy, busyLabel, disabled, children, type = "submit", ...rest }: Props) {
  return (
    <button {...rest} type={type} disabled={busy || disabled} aria-busy={busy || undefined}>
      {busy && busyLabel ? busyLabel : children}
    </button>
  );
}

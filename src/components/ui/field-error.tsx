// The sentence about one field, right under it (issue 9.15), tied to the input with
// aria-describedby so a screen reader reads it with the field.

export function FieldError({ id, message }: { id: string; message: string | undefined }) {
  if (!message) return null;
  return (
    <p id={id} data-testid="field-error" className="text-sm font-medium text-red-800 dark:text-red-300">
      {message}
    </p>
  );
}

/** The input's side of it: invalid and described by its message, when there is one. */
export function fieldAria(id: string, message: string | undefined) {
  return message ? { "aria-invalid": true as const, "aria-describedby": id } : {};
}

"use client";

import { signOut } from "next-auth/react";

// next-auth's sign-out is a POST with its CSRF token; signOut() does both.
export function SignOutButton() {
  return (
    <button
      type="button"
      onClick={() => void signOut({ callbackUrl: "/signin" })}
      className="rounded-md px-3 py-1.5 text-sm font-medium text-slate-200 underline-offset-4 hover:underline focus-visible:outline-2 focus-visible:outline-sky-400"
    >
      Sign out
    </button>
  );
}

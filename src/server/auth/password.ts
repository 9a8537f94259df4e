import "server-only";
import bcrypt from "bcryptjs";

// bcrypt: slow and salted; cost 12 in production, lower in tests to keep the suite fast.
const COST = process.env.NODE_ENV === "test" ? 4 : 12;

export function hashPassword(plain: string): Promise<string> {
  return bcrypt.hash(plain, COST);
}

export function verifyPassword(plain: string, hash: string): Promise<boolean> {
  return bcrypt.compare(plain, hash);
}

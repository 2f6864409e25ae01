/** Password hashing (bcrypt). Every hash and check goes through the bounded work queue (password-work.ts). */
import bcrypt from "bcryptjs";
import { passwordWork } from "./password-work";

export const MIN_PASSWORD_LENGTH = 10;
// bcrypt cost 11: ~100 ms per hash in pure JS on one core, slow enough to hurt guessing.
const COST = 11;

export function hashPassword(password: string): Promise<string> {
  return passwordWork().run(() => bcrypt.hash(password, COST));
}

export function verifyPassword(password: string, hash: string): Promise<boolean> {
  return passwordWork().run(() => bcrypt.compare(password, hash));
}

// Compared against when the email is unknown, so both failures take the same time.
const DUMMY_HASH = "$2b$11$lUuhVP.jaEBrW13W./HI/OoBZEhE99H8Bt0QjXfDyoiJ08FGlBDAO";
export async function burnPasswordCheck(password: string): Promise<void> {
  await passwordWork().run(() => bcrypt.compare(password, DUMMY_HASH));
}

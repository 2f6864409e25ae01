/** Input schemas of sign-up and sign-in, shared by the forms, the actions and Auth.js's authorize. */
import { z } from "zod";
import { MIN_PASSWORD_LENGTH } from "./passwords";

export const emailSchema = z
  .string()
  .trim()
  .toLowerCase()
  .min(1, "Enter your email address")
  .max(320, "An email address has at most 320 characters")
  .email("Enter a valid email address, like name@example.com");

export const newPasswordSchema = z
  .string()
  .min(MIN_PASSWORD_LENGTH, `Use at least ${MIN_PASSWORD_LENGTH} characters`)
  .max(200, "Use at most 200 characters");

export const signUpSchema = z.object({
  name: z.string().trim().max(100, "Keep the name under 100 characters").optional(),
  email: emailSchema,
  password: newPasswordSchema,
});
export type SignUpInput = z.infer<typeof signUpSchema>;

export const signInSchema = z.object({
  email: emailSchema,
  // No account has a longer password (sign-up caps it), so a longer one is refused before bcrypt.
  password: z.string().min(1, "Enter your password").max(200, "Use at most 200 characters"),
});
export type SignInInput = z.infer<typeof signInSchema>;

export const changePasswordSchema = z
  .object({
    currentPassword: z.string().min(1, "Enter your current password").max(200, "Use at most 200 characters"),
    newPassword: newPasswordSchema,
  })
  .refine((v) => v.newPassword !== v.currentPassword, {
    message: "Choose a password different from the current one",
    path: ["newPassword"],
  });
export type ChangePasswordInput = z.infer<typeof changePasswordSchema>;

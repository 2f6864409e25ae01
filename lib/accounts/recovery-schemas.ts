/** Input schemas of "Forgot password?", the reset form and email verification (forms and actions share them). */
import { z } from "zod";
import { emailSchema, newPasswordSchema } from "./schemas";

export const forgotPasswordSchema = z.object({ email: emailSchema });
export type ForgotPasswordInput = z.infer<typeof forgotPasswordSchema>;

const tokenSchema = z.string().trim().min(1, "This link is incomplete. Open the link from the mail again.").max(200);

export const resetPasswordSchema = z
  .object({
    token: tokenSchema,
    newPassword: newPasswordSchema,
    confirmPassword: z.string().max(200),
  })
  .refine((v) => v.newPassword === v.confirmPassword, {
    message: "The two passwords are not the same",
    path: ["confirmPassword"],
  });
export type ResetPasswordInput = z.infer<typeof resetPasswordSchema>;

export const verifyEmailSchema = z.object({ token: tokenSchema });

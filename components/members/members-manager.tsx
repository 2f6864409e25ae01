"use client";

/** The Members page's body: invite, change roles, remove members and revoke pending invites. */

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { formatDateTime } from "@/components/runs/format";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { CopyButton } from "@/components/ui/copy-button";
import { Field, SelectInput, TextInput } from "@/components/ui/field";
import { ROLE_DESCRIPTIONS, ROLE_LABELS, ROLES, type Role } from "@/lib/members/permissions";
import {
  changeMemberRoleAction,
  type InviteResult,
  inviteMemberAction,
  removeMemberAction,
  revokeInviteAction,
} from "@/lib/server/actions/member-actions";

export interface MemberRow {
  userId: string;
  email: string;
  name: string | null;
  role: Role;
  joinedAt: string;
}

export interface PendingInviteRow {
  id: string;
  email: string;
  role: Role;
  invitedBy: string | null;
  expiresAt: string;
}

interface Props {
  members: MemberRow[];
  invites: PendingInviteRow[];
  me: string;
  myRole: Role;
  canManageOwners: boolean;
}

/**
 * The Members page's body: the invite form (with the link to copy once created), the member list
 * with a role picker and Remove, and the pending invites with Revoke. What the signed-in role may
 * not do is not offered (an admin cannot touch owners nor pick Owner); the server checks again.
 */
export function MembersManager({ members, invites, me, canManageOwners }: Props) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const owners = members.filter((m) => m.role === "owner").length;
  const assignable = ROLES.filter((r) => r !== "owner" || canManageOwners);

  const run = (work: () => Promise<{ ok: true; message: string } | { ok: false; error: string }>) => {
    setError(null);
    setNotice(null);
    startTransition(async () => {
      const outcome = await work();
      if (outcome.ok) setNotice(outcome.message);
      else setError(outcome.error);
      router.refresh();
    });
  };

  const changeRole = (member: MemberRow, role: Role) =>
    run(async () => {
      const result = await changeMemberRoleAction({ userId: member.userId, role });
      return result.ok
        ? { ok: true, message: `${member.email} is now ${ROLE_LABELS[role]}.` }
        : { ok: false, error: result.error };
    });

  const remove = (member: MemberRow) => {
    if (!window.confirm(`Remove ${member.email} from this workspace? They lose access at once.`)) return;
    run(async () => {
      const result = await removeMemberAction({ userId: member.userId });
      return result.ok ? { ok: true, message: `${member.email} was removed.` } : { ok: false, error: result.error };
    });
  };

  const revoke = (invite: PendingInviteRow) => {
    if (!window.confirm(`Revoke the invite for ${invite.email}? Its link stops working.`)) return;
    run(async () => {
      const result = await revokeInviteAction({ inviteId: invite.id });
      return result.ok
        ? { ok: true, message: `The invite for ${invite.email} was revoked.` }
        : { ok: false, error: result.error };
    });
  };

  return (
    <div className="space-y-6">
      <InviteForm assignable={assignable} onSent={() => router.refresh()} />
      {error && <Alert tone="error">{error}</Alert>}
      {notice && <Alert tone="success">{notice}</Alert>}

      <section className="rounded-lg border border-slate-200 bg-white p-6" aria-labelledby="members-heading">
        <h2 id="members-heading" className="text-base font-semibold">
          Members ({members.length})
        </h2>
        <table className="mt-3 w-full text-sm" aria-label="Members">
          <thead className="text-left text-slate-600">
            <tr>
              <th className="py-1 font-medium">Person</th>
              <th className="py-1 font-medium">Role</th>
              <th className="py-1 font-medium">Joined</th>
              <th className="py-1 font-medium">
                <span className="sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {members.map((member) => {
              const isOwner = member.role === "owner";
              const lastOwner = isOwner && owners <= 1;
              const manageable = !isOwner || canManageOwners;
              const label = member.name ? `${member.name} (${member.email})` : member.email;
              return (
                <tr key={member.userId} className="border-t border-slate-100">
                  <td className="py-2">
                    {label}
                    {member.userId === me && <span className="ml-2 text-slate-600">(you)</span>}
                  </td>
                  <td className="py-2">
                    {manageable && !lastOwner ? (
                      <RoleEditor
                        member={member}
                        choices={isOwner ? ROLES : assignable}
                        disabled={pending}
                        onSave={(role) => changeRole(member, role)}
                      />
                    ) : (
                      <span>
                        {ROLE_LABELS[member.role]}
                        {lastOwner && <span className="ml-2 text-xs text-slate-600">(the only owner)</span>}
                      </span>
                    )}
                  </td>
                  <td className="py-2">{formatDateTime(member.joinedAt)}</td>
                  <td className="py-2 text-right">
                    {manageable && !lastOwner && member.userId !== me && (
                      <Button
                        variant="danger"
                        disabled={pending}
                        onClick={() => remove(member)}
                        aria-label={`Remove ${member.email}`}
                      >
                        Remove
                      </Button>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </section>

      <section className="rounded-lg border border-slate-200 bg-white p-6" aria-labelledby="invites-heading">
        <h2 id="invites-heading" className="text-base font-semibold">
          Pending invites
        </h2>
        {invites.length === 0 ? (
          <p className="mt-2 text-sm text-slate-600">No pending invites. Invite someone with the form above.</p>
        ) : (
          <table className="mt-3 w-full text-sm" aria-label="Pending invites">
            <thead className="text-left text-slate-600">
              <tr>
                <th className="py-1 font-medium">Email</th>
                <th className="py-1 font-medium">Role</th>
                <th className="py-1 font-medium">Invited by</th>
                <th className="py-1 font-medium">Expires</th>
                <th className="py-1 font-medium">
                  <span className="sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {invites.map((invite) => (
                <tr key={invite.id} className="border-t border-slate-100">
                  <td className="py-2">{invite.email}</td>
                  <td className="py-2">{ROLE_LABELS[invite.role]}</td>
                  <td className="py-2">{invite.invitedBy ?? "—"}</td>
                  <td className="py-2">{formatDateTime(invite.expiresAt)}</td>
                  <td className="py-2 text-right">
                    {(invite.role !== "owner" || canManageOwners) && (
                      <Button
                        variant="secondary"
                        disabled={pending}
                        onClick={() => revoke(invite)}
                        aria-label={`Revoke the invite for ${invite.email}`}
                      >
                        Revoke
                      </Button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>

      <section className="rounded-lg border border-slate-200 bg-white p-6 text-sm" aria-labelledby="roles-heading">
        <h2 id="roles-heading" className="text-base font-semibold">
          Roles
        </h2>
        <dl className="mt-2 grid grid-cols-[7rem_1fr] gap-2">
          {ROLES.map((r) => (
            <div key={r} className="contents">
              <dt className="font-medium">{ROLE_LABELS[r]}</dt>
              <dd className="text-slate-700">{ROLE_DESCRIPTIONS[r]}</dd>
            </div>
          ))}
        </dl>
      </section>
    </div>
  );
}

/**
 * A member's role: a select and a "Change role" button that appears once another role is chosen,
 * so moving through the options with the keyboard changes nothing until the button is pressed.
 */
function RoleEditor({
  member,
  choices,
  disabled,
  onSave,
}: {
  member: MemberRow;
  choices: readonly Role[];
  disabled: boolean;
  onSave: (role: Role) => void;
}) {
  const [role, setRole] = useState<Role>(member.role);
  const id = `role-${member.userId}`;
  return (
    <span className="inline-flex items-center gap-2">
      <label htmlFor={id} className="sr-only">
        Role of {member.email}
      </label>
      <SelectInput
        id={id}
        value={role}
        disabled={disabled}
        onChange={(e) => setRole(e.target.value as Role)}
        className="w-36"
      >
        {choices.map((r) => (
          <option key={r} value={r}>
            {ROLE_LABELS[r]}
          </option>
        ))}
      </SelectInput>
      {role !== member.role && (
        <Button variant="secondary" disabled={disabled} onClick={() => onSave(role)}>
          Change role
        </Button>
      )}
    </span>
  );
}

function InviteForm({ assignable, onSent }: { assignable: readonly Role[]; onSent: () => void }) {
  const [email, setEmail] = useState("");
  const [role, setRole] = useState<Role>("operator");
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const [sent, setSent] = useState<(InviteResult & { url: string }) | null>(null);
  const [pending, startTransition] = useTransition();

  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    setError(null);
    startTransition(async () => {
      const result = await inviteMemberAction({ email, role });
      if (!result.ok) {
        const fields = result.fieldErrors ?? {};
        setFieldErrors(fields);
        // The generic "Some fields need attention." adds nothing to the messages under the fields.
        setError(result.code === "VALIDATION" && Object.keys(fields).length ? null : result.error);
        return;
      }
      setFieldErrors({});
      setEmail("");
      setSent({ ...result.data, url: `${window.location.origin}${result.data.path}` });
      onSent();
    });
  };

  return (
    <section className="rounded-lg border border-slate-200 bg-white p-6" aria-labelledby="invite-heading">
      <h2 id="invite-heading" className="text-base font-semibold">
        Invite someone
      </h2>
      <form onSubmit={submit} className="mt-3 flex flex-wrap items-end gap-3" aria-label="Invite a member">
        <div className="min-w-64 flex-1">
          <Field id="invite-email" label="Email" error={fieldErrors.email}>
            <TextInput
              id="invite-email"
              type="email"
              autoComplete="off"
              value={email}
              onChange={(e) => setEmail(e.target.value)}
              invalid={Boolean(fieldErrors.email)}
            />
          </Field>
        </div>
        <div className="w-44">
          <Field id="invite-role" label="Role" error={fieldErrors.role}>
            <SelectInput id="invite-role" value={role} onChange={(e) => setRole(e.target.value as Role)}>
              {assignable.map((r) => (
                <option key={r} value={r}>
                  {ROLE_LABELS[r]}
                </option>
              ))}
            </SelectInput>
          </Field>
        </div>
        <Button type="submit" disabled={pending}>
          Send invite
        </Button>
      </form>
      <p className="mt-2 text-xs text-slate-600">
        {ROLE_LABELS[role]}: {ROLE_DESCRIPTIONS[role]} The link works once and expires in 7 days.
      </p>
      <div className="mt-3 space-y-3">
        {error && <Alert tone="error">{error}</Alert>}
        {sent && (
          <Alert
            tone={sent.mail === "failed" ? "warning" : "success"}
            title={
              sent.mail === "sent"
                ? `Invite mailed to ${sent.email}.`
                : sent.mail === "outbox"
                  ? `Invite for ${sent.email} created. No mail server is set up, so the mail waits in the outbox: send them the link below.`
                  : `Invite for ${sent.email} created, but the mail could not be sent (${sent.mailError}). Send them the link below.`
            }
          >
            <p>Copy the link now: it is not shown again.</p>
            <code
              className="mt-1 block break-all rounded bg-white px-2 py-1 font-mono text-slate-900"
              data-testid="invite-link"
            >
              {sent.url}
            </code>
            <div className="mt-2">
              <CopyButton text={sent.url} label="Copy link" />
            </div>
          </Alert>
        )}
      </div>
    </section>
  );
}

import type { Metadata } from "next";
import { requireUser } from "@/lib/auth";
import { findOwnProfile } from "@/features/people/data";
import { ProfileForm } from "@/features/people/components/people-forms";

// Per-user and current: rendered at request time, never from a prefetched shell.
export const instant = false;

export const metadata: Metadata = { title: "Your profile" };

export default async function ProfilePage() {
  const user = await requireUser();
  const profile = await findOwnProfile(user.id);
  return (
    <>
      <h1>{profile ? "Your profile" : "Complete your profile"}</h1>
      <p className="form-hint">This is your public byline: readers see it on your posts and on your author page. Your email address is never shown.</p>
      <ProfileForm
        initial={{
          displayName: profile?.displayName ?? "",
          bio: profile?.bio ?? "",
          xHandle: profile?.xHandle ? `@${profile.xHandle}` : "",
          website: profile?.website ?? "",
          avatarUrl: profile?.avatarUrl ?? "",
        }}
      />
    </>
  );
}

import { PageTitle } from "../../components/Card";
import { ChangePasswordForm } from "./ChangePasswordForm";
import { DetailsForm } from "./DetailsForm";
import { SessionsList } from "./SessionsList";
import { TwoFactorSettings } from "./TwoFactorSettings";

export function ProfilePage() {
  return (
    <div className="mx-auto max-w-3xl space-y-6">
      <PageTitle>Profile</PageTitle>
      <DetailsForm />
      <ChangePasswordForm />
      <TwoFactorSettings />
      <SessionsList />
    </div>
  );
}

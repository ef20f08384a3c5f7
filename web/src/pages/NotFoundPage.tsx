import { PageTitle } from "../components/Card";
import { TextLink } from "../components/TextLink";

export function NotFoundPage() {
  return (
    <div className="space-y-3">
      <PageTitle>Page not found</PageTitle>
      <p className="text-sm text-slate-600 dark:text-slate-300">There is no page at this address.</p>
      <TextLink to="/profile">Go to your profile</TextLink>
    </div>
  );
}

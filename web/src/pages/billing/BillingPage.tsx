// Plans from the Stripe catalogue, the user's subscriptions, and for holders of
// manage_settings the catalogue itself.
import { billingApi } from "../../api/billing";
import { useAuth } from "../../auth/AuthContext";
import { PageTitle } from "../../components/Card";
import { Failed, Loading } from "../../components/States";
import { useLoad } from "../../lib/useLoad";
import { CatalogueManager } from "./CatalogueManager";
import { MySubscriptions } from "./MySubscriptions";
import { PlanCards } from "./PlanCards";

export function BillingPage() {
  const { can } = useAuth();
  const catalogue = useLoad(async () => {
    const [products, prices] = await Promise.all([billingApi.products(), billingApi.prices()]);
    return { products, prices };
  }, []);

  return (
    <div className="space-y-6">
      <PageTitle>Billing</PageTitle>
      {catalogue.error && <Failed message={catalogue.error} onRetry={catalogue.reload} />}
      {catalogue.loading && !catalogue.data && <Loading label="Loading plans…" />}
      {catalogue.data && (
        <>
          <PlanCards products={catalogue.data.products} prices={catalogue.data.prices} />
          <MySubscriptions prices={catalogue.data.prices} products={catalogue.data.products} />
          {can("manage_settings") && <CatalogueManager products={catalogue.data.products} prices={catalogue.data.prices} onChanged={catalogue.reload} />}
        </>
      )}
    </div>
  );
}

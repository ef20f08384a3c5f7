// Billing group (API.md "Stripe"). Reads need a session; catalogue writes need manage_settings.
import { api } from "./client";
import type { Message, Order, Price, Product, Subscription } from "./types";

export interface NewPrice {
  product_id: string;
  unit_amount: string;
  currency: string;
  recurring?: string;
  nickname?: string;
}

export const billingApi = {
  products: async () => (await api.get<{ products: Product[] }>("/products")).products,
  prices: async () => (await api.get<{ prices: Price[] }>("/prices")).prices,
  createProduct: (name: string, description: string) => api.post<Message>("/create-product", { name, description }),
  editProduct: (product_id: string, changes: { name?: string; description?: string; active?: boolean }) =>
    api.post<Message>("/edit-product", { product_id, ...changes }),
  deleteProduct: (product_id: string) => api.delete<Message>("/delete-product", { product_id }),
  createPrice: (price: NewPrice) => api.post<Message>("/create-price", price),
  editPrice: (price_id: string, changes: { active?: boolean; nickname?: string }) =>
    api.post<Message>("/edit-price", { price_id, ...changes }),
  deletePrice: (price_id: string) => api.delete<Message>("/delete-price", { price_id }),
  mySubscriptions: async () => (await api.get<{ subscriptions: Subscription[] }>("/user-subscriptions")).subscriptions,
  cancel: (subscription_id: string) => api.post<Message>("/cancel-subscription", { subscription_id }),
  pause: (subscription_id: string) => api.post<Message>("/deactivate-subscription", { subscription_id }),
  resume: (subscription_id: string) => api.post<Message>("/reactivate-subscription", { subscription_id }),
  checkout: (price_id: string, mode: "subscription" | "payment") =>
    api.post<{ checkout_url: string; session_id: string }>("/create-checkout-session", { price_id, quantity: 1, mode }),
  checkoutSuccess: (session_id: string) =>
    api.get<Message & { order: Order }>("/checkout-success", { query: { session_id } }),
};

// The JSON shapes of ../shared/API.md, as the dashboard reads them.

export interface User {
  id: number;
  first_name: string;
  last_name: string;
  username: string;
  email: string;
  twofa_enabled: boolean;
  verified: boolean;
  roles: string[];
  permissions: string[];
}

export interface Message {
  success: boolean;
  message: string;
}

export interface LoginAnswer extends Message {
  user: User;
  csrf_token: string;
}

export interface TwofaUri extends Message {
  uri: string;
  qr_svg: string;
}

export interface TwofaUpdate extends Message {
  recovery_codes?: string[];
}

export interface SessionInfo {
  id: number;
  created_at: string;
  last_seen_at: string;
  ip: string;
  user_agent: string;
  current: boolean;
}

export interface LogEntry {
  id: number;
  timestamp: string;
  log_level: string;
  message: string;
  client_ip: string;
  user_agent: string;
  user_email: string | null;
}

export interface LogPage {
  logs: LogEntry[];
  total_pages: number;
  current_page: number;
  total_is_estimate?: boolean;
}

export interface Role {
  id: number;
  name: string;
  permissions: string[];
}

export interface Permission {
  id: number;
  name: string;
}

export interface UserSummary {
  id: number;
  first_name: string;
  last_name: string;
  username: string;
  email: string;
}

export interface BoardSummary {
  id: number;
  name: string;
}

export interface Ticket {
  id: number;
  title: string;
  description: string;
  position: number;
}

export interface Column {
  id: number;
  name: string;
  position: number;
  tickets: Ticket[];
}

export interface Board {
  id: number;
  name: string;
  columns: Column[];
}

export interface Product {
  product_id: string;
  name: string;
  description: string | null;
  active: boolean;
}

export interface Price {
  price_id: string;
  product_id: string;
  unit_amount: string | null;
  currency: string;
  recurring: { interval: string; interval_count: number } | null;
  type: "one_time" | "recurring";
  nickname: string | null;
  active: boolean;
}

export interface Subscription {
  subscription_id: string;
  user_id: number;
  price_id: string | null;
  status: string;
  current_period_end: string | null;
  trial_end: string | null;
  cancel_at_period_end: boolean;
  paused: boolean;
  canceled_at: string | null;
  quantity: number;
}

export interface Order {
  order_id: number;
  checkout_session_id: string;
  price_id: string | null;
  quantity: number | null;
  mode: string;
  amount_total: string | null;
  currency: string | null;
  payment_status: string;
  subscription_id: string | null;
}

// A consumer's program, compiled and run by consumer.test.ts in a temporary project outside the
// repository that has only our packed tarball (and its dependency, openapi-fetch) installed. It is
// excluded from the repository's own tsconfig: it imports the package by name, as a consumer does.
import { createBackdClient, type CreateOrderRequest as BackdOrder } from "payment-api-contracts/backd";
import { createBillProClient, type CreateSingleOrderRequest } from "payment-api-contracts/billpro";
import { createKwikClient, RequestTimeoutError, type OrderItem } from "payment-api-contracts/kwik";
import { createPaywayClient, createPaywayTokenProvider, type CreateOrderRequest as PaywayOrder, type GetAccessTokenRequest } from "payment-api-contracts/payway";

// No @types/node in this project: the clients need only fetch and timers.
declare const process: { argv: string[] };

interface Input {
  urls: Record<"billpro" | "backd" | "payway" | "kwik", string>;
  bodies: { billpro: CreateSingleOrderRequest; backd: BackdOrder; payway: PaywayOrder; paywayToken: GetAccessTokenRequest };
}
const input = JSON.parse(process.argv[2] ?? "{}") as Input;

// The package's types are real, not `any`: this must not compile (the directive would be unused otherwise).
// @ts-expect-error quantity is a number in the Kwik spec
const wrong: OrderItem = { sku: "A", name: "B", quantity: "1", unit_amount: "1.00", currency_lookups_id: "loo_1" };
void wrong;

const billpro = createBillProClient({ baseUrl: input.urls.billpro, auth: { token: "consumer-token" } });
const backd = createBackdClient({ baseUrl: input.urls.backd, auth: { username: "pk_consumer", password: "sk_consumer" } });
const token = createPaywayTokenProvider({ baseUrl: input.urls.payway, request: input.bodies.paywayToken });
const payway = createPaywayClient({ baseUrl: input.urls.payway, auth: { token } });
const kwik = createKwikClient({ baseUrl: input.urls.kwik, auth: { username: "key", password: "secret" } });

const results = {
  billpro: await billpro.createSingleOrder({ body: input.bodies.billpro }),
  backd: await backd.createOrder({ body: input.bodies.backd }),
  payway: await payway.createOrder({ body: input.bodies.payway }),
  kwik: await kwik.listOrders(),
};
const unreachable = await createKwikClient({ baseUrl: "http://127.0.0.1:9", auth: { username: "k", password: "s" }, timeoutMs: 2000, retry: false })
  .listOrders()
  .then(() => "answered", (error: unknown) => (error instanceof RequestTimeoutError ? "timeout" : (error as Error).name));

console.log(JSON.stringify({
  statuses: Object.fromEntries(Object.entries(results).map(([api, result]) => [api, result.ok ? result.status : `error ${result.status}`])),
  unreachable,
}));

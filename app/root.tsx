import { data, type LinksFunction, type LoaderFunctionArgs } from "@remix-run/node";
import {
  Form,
  isRouteErrorResponse,
  Link,
  Links,
  Meta,
  Outlet,
  Scripts,
  ScrollRestoration,
  useLocation,
  useRouteError,
  useRouteLoaderData,
} from "@remix-run/react";
import { ResetNotice } from "~/account/reset-notice";
import { cartCount } from "~/cart/cart.server";
import { AuthenticityTokenInput } from "~/components/csrf";
import { homeFor } from "~/domain/roles";
import { translator } from "~/i18n";
import { useT } from "~/i18n/react";
import { getUser } from "~/utils/auth.server";
import { csrfToken } from "~/utils/csrf.server";
import { getLocale } from "~/utils/locale.server";
import stylesheet from "./tailwind.css?url";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: stylesheet },
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
];

export async function loader({ request }: LoaderFunctionArgs) {
  const [user, locale, csrf, cart] = await Promise.all([
    getUser(request),
    getLocale(request),
    csrfToken(request),
    cartCount(request),
  ]);
  const headers = new Headers();
  if (csrf.setCookie) headers.append("Set-Cookie", csrf.setCookie);
  return data(
    {
      locale,
      csrf: csrf.token,
      cartCount: cart,
      user: user ? { name: user.name, role: user.role, home: homeFor(user.role) } : null,
    },
    { headers },
  );
}

export type RootData = Awaited<ReturnType<typeof loader>>["data"];

function Header() {
  const t = useT();
  const root = useRouteLoaderData<RootData>("root");
  const location = useLocation();
  const next = encodeURIComponent(location.pathname + location.search);
  const user = root?.user;
  return (
    <header className="border-b border-tea-800 bg-tea-700 text-white">
      <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:p-2">
        {t("nav.skip")}
      </a>
      <div className="mx-auto flex max-w-6xl flex-wrap items-center gap-x-4 gap-y-2 px-3 py-2">
        <Link to="/" className="text-xl font-bold tracking-tight">
          <svg aria-hidden viewBox="0 0 32 32" className="mr-1 inline h-6 w-6 align-[-4px]">
            <path
              d="M6 24c0-10 8-16 20-16-1 10-7 18-17 18l-3 3"
              fill="none"
              stroke="currentColor"
              strokeWidth="2.5"
              strokeLinecap="round"
            />
          </svg>
          {t("app.name")}
        </Link>
        <form
          action="/search"
          method="get"
          role="search"
          className="order-last w-full sm:order-none sm:flex-1"
        >
          <label htmlFor="site-search" className="sr-only">
            {t("nav.search")}
          </label>
          <div className="flex gap-1">
            <input
              id="site-search"
              type="search"
              name="q"
              placeholder={t("search.placeholder")}
              className="min-h-11 w-full min-w-0 rounded-lg border-0 bg-white px-3 text-stone-900 placeholder:text-stone-600"
            />
            <button
              type="submit"
              className="min-h-11 shrink-0 rounded-lg bg-white px-3 font-semibold text-tea-800 hover:bg-tea-50"
            >
              {t("nav.search")}
            </button>
          </div>
        </form>
        <nav className="ml-auto flex flex-wrap items-center gap-x-3 gap-y-1 text-sm">
          <Link to="/cart" className="underline-offset-4 hover:underline">
            {t("nav.cart")}
            {root?.cartCount ? (
              <span
                className="ml-1 rounded-full bg-white px-1.5 text-xs font-bold text-tea-800"
                data-testid="cart-count"
              >
                {root.cartCount}
              </span>
            ) : null}
          </Link>
          {user ? (
            <>
              {user.home !== "/" ? (
                <Link to={user.home} className="underline-offset-4 hover:underline">
                  {user.role === "OFFICER"
                    ? t("nav.officer")
                    : user.role === "ADMIN"
                      ? t("nav.admin")
                      : t("nav.console")}
                </Link>
              ) : null}
              <Link
                to="/account"
                className="max-w-28 truncate underline-offset-4 hover:underline"
                title={user.name}
              >
                {user.name}
              </Link>
              <Form method="post" action="/logout">
                <AuthenticityTokenInput />
                <button className="underline-offset-4 hover:underline">{t("nav.logout")}</button>
              </Form>
            </>
          ) : (
            <>
              <Link to={`/login?redirectTo=${next}`} className="underline-offset-4 hover:underline">
                {t("nav.login")}
              </Link>
              <Link
                to={`/signup?redirectTo=${next}`}
                className="underline-offset-4 hover:underline"
              >
                {t("nav.signup")}
              </Link>
            </>
          )}
          <a
            href={`/lang?to=${root?.locale === "en" ? "vi" : "en"}&next=${next}`}
            lang={root?.locale === "en" ? "vi" : "en"}
            className="rounded border border-white/40 px-2 py-1"
          >
            {t("nav.language")}
          </a>
        </nav>
      </div>
    </header>
  );
}

export function Layout({ children }: { children: React.ReactNode }) {
  const root = useRouteLoaderData<RootData>("root");
  return (
    <html lang={root?.locale ?? "vi"}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="theme-color" content="#2f6121" />
        <Meta />
        <Links />
      </head>
      <body className="min-h-screen">
        <Header />
        <main id="main" className="mx-auto max-w-6xl px-3 py-4">
          {children}
        </main>
        <Footer />
        <ScrollRestoration />
        <Scripts />
      </body>
    </html>
  );
}

function Footer() {
  const t = useT();
  return (
    <footer className="mt-10 border-t border-stone-200 py-6 text-center text-sm text-stone-600">
      <p>{t("footer.about")}</p>
    </footer>
  );
}

export default function App() {
  return (
    <>
      <ResetNotice />
      <Outlet />
    </>
  );
}

export function ErrorBoundary() {
  const error = useRouteError();
  const root = useRouteLoaderData<RootData>("root");
  const t = translator(root?.locale ?? "vi");
  const status = isRouteErrorResponse(error) ? error.status : 500;
  const message =
    status === 404
      ? t("error.notFound")
      : status === 403
        ? t("error.forbidden")
        : t("error.generic");
  return (
    <div className="py-16 text-center">
      <p className="text-5xl font-bold text-tea-700">{status}</p>
      <p className="mt-4 text-lg">{message}</p>
      <Link to="/" className="btn-primary mt-6">
        {t("error.back")}
      </Link>
    </div>
  );
}

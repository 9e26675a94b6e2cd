import { redirect, type ActionFunctionArgs } from "@remix-run/node";
import { readForm } from "~/utils/form.server";
import { destroySession } from "~/utils/session.server";

export async function action({ request }: ActionFunctionArgs) {
  await readForm(request);
  return destroySession(request, "/");
}

export const loader = () => redirect("/");

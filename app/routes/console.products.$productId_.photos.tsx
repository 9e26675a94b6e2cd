import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { requireProductAccess } from "~/catalog/access.server";
import { answerPhotoPost } from "~/console/photo-post.server";
import { addProductPhoto, removeProductPhoto } from "~/console/products.server";

// Photo upload and removal for one product. Answers JSON to the XMLHttpRequest
// uploader and redirects back to the product page for a plain form post.
export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireProductAccess(request, params.productId!);
  throw redirect(`/console/products/${params.productId}`);
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, product } = await requireProductAccess(request, params.productId!);
  return answerPhotoPost(request, {
    back: `/console/products/${product.id}`,
    saved: "saved=photo",
    add: (photo) => addProductPhoto(user, product.id, photo, product.name),
    remove: (photoId) => removeProductPhoto(user, product.id, photoId),
  });
}

import type { ReactNode } from "react";

/** The head of a stall's or a cooperative's public page: its name, where it is, then what the page adds. */
export function ProducerHeader({
  name,
  place,
  children,
}: {
  name: string;
  place: string;
  children?: ReactNode;
}) {
  return (
    <header className="space-y-1">
      <h1 className="text-2xl font-bold">{name}</h1>
      <p className="text-stone-600">{place}</p>
      {children}
    </header>
  );
}

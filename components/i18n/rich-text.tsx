import { Fragment, type ReactNode } from "react";

/**
 * A translated sentence with elements inside it: "Send to {endpoint} with {header}." keeps the
 * word order of each language, and each {name} becomes the element given for it.
 */
export function RichText({ text, values }: { text: string; values: Record<string, ReactNode> }) {
  return (
    <>
      {text.split(/(\{\w+\})/).map((part, index) => {
        const name = /^\{(\w+)\}$/.exec(part)?.[1];
        return <Fragment key={index}>{name !== undefined && name in values ? values[name] : part}</Fragment>;
      })}
    </>
  );
}

import { Link, type LinkProps } from "react-router-dom";

export function TextLink({ className = "", ...props }: LinkProps) {
  return (
    <Link
      className={`font-medium text-indigo-600 hover:underline focus:outline-none focus-visible:ring-2 focus-visible:ring-indigo-500 dark:text-indigo-400 ${className}`}
      {...props}
    />
  );
}

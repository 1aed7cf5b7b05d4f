// How a customer is named on screen and in exports: their name, else their address, else their number. Pure.

export function customerName(customer: {
  firstName: string | null;
  lastName: string | null;
  email: string | null;
  phone: string | null;
}): string | null {
  return [customer.firstName, customer.lastName].filter(Boolean).join(" ") || customer.email || customer.phone || null;
}

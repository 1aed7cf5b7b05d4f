// What the database columns hold: an amount is Decimal(12, 2), a quantity an Int. A payload over
// these is refused with a 400 by the mappers, not left to overflow into a 500.
export const MAX_STORED_AMOUNT = 9_999_999_999.99;
export const MAX_QUANTITY = 1_000_000;

/** Whether an amount, once rounded to cents as stored, fits its column (not a number: another check says so). */
export function amountFits(value: string | number): boolean {
  const amount = Number(value);
  return !Number.isFinite(amount) || Math.abs(Number(amount.toFixed(2))) <= MAX_STORED_AMOUNT;
}

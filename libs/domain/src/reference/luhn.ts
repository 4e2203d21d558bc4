/**
 * The Luhn (mod 10) check: from the rightmost digit, every second digit is doubled (minus 9 when
 * above 9) and the sum must end in 0. Expects digits only.
 */
export function passesLuhn(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let digit = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 1) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return sum % 10 === 0;
}

/**
 * Every word the Sell screen shows, in one place, ready for translation (French is the second
 * language; see i18n.ts). Plain strings and small functions of the values they name; no markup.
 */
import { type Catalog, messages } from '../i18n.ts';

const en = {
  // Scan field and piece search
  scanLabel: 'Scan, or type a serial, title, style, designer or certificate number',
  scanPlaceholder: 'Scan a tag, or type a serial, title, designer…  ·  / returns here',
  scanAdd: 'Add',
  searchListLabel: 'Pieces that match',
  searchHint: '↑ ↓ to choose, Enter to add, Esc to close',
  searchPick: (n: number, q: string) =>
    `${n} pieces match “${q}”. Choose one with ↑ ↓ and Enter, or click it.`,
  notInStore: 'not for sale here',
  loadingStore: 'Opening this store’s pieces…',
  stillLoading: (code: string) => `Still loading this store’s pieces — ${code} will be checked in a moment.`,

  // Cart
  cartEmpty: 'The cart is empty. Scan a piece, or type its name, to begin.',
  remove: (serial: string) => `Remove ${serial}`,
  removeLabel: 'Remove',

  // Discount
  discountLabel: 'Discount %',
  discountLimit: (pct: number) => `Your limit: ${pct} %`,
  discountApplied: (pct: string) => `${pct} % off applied.`,
  discountInvalid: 'Enter a percentage such as 10 or 12.5.',
  discountAboveLimit: 'Above your limit — a manager approves with their PIN.',
  approvedBy: (name: string) => `Approved by ${name}`,
  overrideManager: 'Manager',
  overridePin: 'Manager PIN',
  overrideApprove: 'Approve',
  overrideNotAllowed: (name: string, pct: string) => `${name} cannot approve ${pct} %.`,

  // Why a sale cannot complete yet
  blockEmpty: 'The cart is empty: scan a piece first.',
  blockDiscountInvalid: (text: string) =>
    `The discount “${text}” is not a percentage: correct it or clear it before completing.`,
  blockDiscountApproval: (text: string) =>
    `The ${text} % discount is above your limit: a manager approves it, or clear it, before the sale completes.`,
  blockOverpaid: (paid: string, total: string) =>
    `Payments (${paid}) are more than the total (${total}) now: remove a payment and add it again.`,
  blockDue: (due: string) => `${due} is still due: add a payment.`,

  // Payment
  subtotal: 'Subtotal',
  discount: 'Discount',
  total: 'Total',
  due: 'Due',
  change: 'Change',
  tenderKinds: 'Payment method',
  amount: 'Amount',
  addPayment: 'Add payment',
  removePayment: 'Remove payment',
  notAnAmount: (text: string) => `“${text}” is not an amount.`,
  onlyCashOver: 'Only cash can be more than what is due.',
  referenceNeeded: (label: string) => `${label} is needed before the payment can be added.`,
  referenceRequired: (label: string) => `${label} (required)`,
  complete: 'Complete sale',
  tender: {
    card: 'Card',
    cash: 'Cash',
    wallet: 'Wallet',
    'store-credit': 'Store credit',
    'gift-card': 'Gift card',
    'trade-in': 'Trade-in',
  } as Record<string, string>,
  tenderRef: {
    card: 'Terminal reference',
    wallet: 'Wallet reference',
    'store-credit': 'Store credit number',
    'gift-card': 'Gift card number',
  } as Record<string, string>,
  tenderRefHint: {
    card: 'Type the reference the card terminal printed, then Add payment.',
    wallet: 'Type the wallet payment’s reference, then Add payment.',
    'store-credit': 'Type the 12-digit store credit number, then Add payment.',
    'gift-card': 'Type the gift card’s 12-digit number, then Add payment.',
  } as Record<string, string>,

  // Receipt
  receipt: 'Receipt',
  servedBy: (name: string) => `Served by ${name}`,
  /** One rate's tax line (TAXCAT-6): the VAT a price includes, or the tax added to it. */
  taxAt: (rate: string, inclusive: boolean) => (inclusive ? `VAT included (${rate} %)` : `Tax (${rate} %)`),
  /** Under the tax lines when the sale has several rates: what they come to together. */
  taxTotal: (inclusive: boolean) => (inclusive ? 'VAT included, all rates' : 'Tax, all rates'),
  client: (name: string) => `Client: ${name}`,
  certificate: (lab: string, n: string) => `${lab} certificate ${n}`,
  saleRef: (id: string) => `Sale ${id}`,
  print: 'Print',
  nextClient: 'Next client',
  rejectedReceipt: 'Not a valid receipt: the store server refused this sale. Do not hand it to the client.',
  pendingReceipt: 'Waiting for the store server; the receipt is valid once the sale is accepted.',

  // Sale state
  pending: 'Pending',
  accepted: 'Accepted',
  rejected: 'Refused',
  /** The counter's words for refusals it explains below the status. */
  reasons: {
    'serial-already-sold': 'the piece was already sold by another sale',
  } as Record<string, string>,

  // A refused sale, for the associate who made it
  refusedTitle: 'This sale was refused',
  refusedWhy: (title: string, serial: string) => `${title} (${serial}) had already been sold.`,
  refusedBy: (who: string, where: string, when: string) => `${who} sold it ${where}, ${when}.`,
  refusedByUnknown: 'Another sale of this piece reached the store server first.',
  onThisTill: 'on this till',
  onAnotherTill: (store: string) => `on another till of ${store}`,
  someone: 'A colleague',
  refusedReasonOther: (reason: string) => `The store server refused it: ${reason}`,
  refusedNow: 'The client is still with you:',
  refusedSteps: [
    'do not hand over the piece, and do not print this receipt;',
    'show the client a similar piece — type its name in the scan field;',
    'or take a deposit for a similar piece or a custom order;',
    'call a manager to refund any payment already taken.',
  ] as readonly string[],
  refusedManager: 'A manager sees this sale in the Conflicts inbox and refunds the client from there.',
  yourRefusedSales: 'Your refused sales',
  noRefusedSales: 'None of your sales was refused.',

  // Recent sales
  recentTitle: 'Recent sales on this till',
  none: 'None yet.',
  receiptLink: 'Receipt',
  returnExchange: 'Return / exchange',

  // Returns
  returnTitle: 'Return or exchange',
  returnManagerOnly: 'A manager records returns: switch user to one.',
  returnSerial: 'Serial of the returned piece',
  findSale: 'Find sale',
  returnSerialInvalid: 'Enter the serial on the piece’s tag.',
  returnNoSale: (serial: string) => `No sale of ${serial} in this store’s recent ledger.`,
  returnRecorded: 'Return recorded',
  soldOn: (when: string, total: string) => `Sold ${when} · ${total}`,
  refundTo: 'Refund to',
  refundSplit: 'As it was paid',
  refundButton: (amount: string) => `Refund ${amount}`,
  refundStoreCredit: 'All as store credit (exchange)',
  returnReceipt: 'Return receipt',
  returnOf: (saleId: string) => `Return against sale ${saleId}`,
  refundedTo: (kind: string) => `Refunded to ${kind}`,
  refundTotal: 'Refund total',
  returnPrintHint: 'Print it for the client; keep the store copy.',
  returned: 'Returned',
  returnFooter: 'Refund — please keep this receipt',
  returnPrinted: 'Printed on the receipt printer.',
  refundAsPaid: (parts: string) => `As it was paid: ${parts}`,
  close: 'Close',

  // Piece page
  sellThisPiece: 'Sell this piece',

  // Landmarks
  title: 'Sell',
  cartRegion: 'Cart',
  paymentRegion: 'Payment',
  historyRegion: 'Earlier sales',
  discountRegion: 'Discount',
  overrideForm: 'Manager override',
  returnForm: 'Return',

  // Client at the counter
  clientLabel: 'Client',
  clientPlaceholder: 'Name, phone or e-mail',
  noMatchAdd: 'No match — add a new client',
  newClient: 'New client',
  detach: 'Detach',
  ring: (size: string) => `ring ${size}`,
  consentLegend: 'Marketing consent, given today',
  consent: { email: 'By e-mail', sms: 'By SMS', phone: 'By phone call' } as Record<string, string>,
  field: {
    first: 'First name',
    last: 'Last name',
    email: 'E-mail',
    phone: 'Phone',
    ringSize: 'Ring size',
    birthday: 'Birthday',
    anniversary: 'Anniversary',
  } as Record<string, string>,
  sizeSystem: 'Size system',
  maybeDuplicate: 'This may be a client already in the book:',
  duplicateReason: { email: 'same e-mail', phone: 'same phone', name: 'same name' } as Record<string, string>,
  use: 'Use',
  createAnyway: 'Create a new client anyway',
  cancel: 'Cancel',
  createClient: 'Create client',
  emailInvalid: 'E-mail is not a valid address (like name@example.com).',
  phoneInvalid: 'Phone may hold digits, spaces, ( ) . - and a leading +.',
  fieldInvalid: (label: string) => `${label} is not valid.`,
  notARealDate: (label: string) => `${label} is not a real date.`,
  ringSizeProblem: (message: string) => `Ring size: ${message}.`,
  fieldProblem: (label: string, message: string) => `${label} ${message}.`,
  firstRequired: 'First name is required.',
  lastRequired: 'Last name is required.',
  contactRequired: 'Give an e-mail address or a phone number (or both).',

  // Scan answers
  notASerial: (code: string) => `“${code}” is not a serial number.`,
  pieceUnknown: (serial: string) => `No piece ${serial} in the catalog. Check the tag.`,
  inCart: (serial: string) => `${serial} is already in the cart.`,
  pendingSale: (serial: string) => `${serial} was just sold on this till (waiting for the store server).`,
  noStockStatus: (serial: string) => `${serial} has no stock status yet; it cannot be sold.`,
  otherStore: (serial: string) => `${serial} belongs to another store.`,
  notSellable: (title: string, serial: string, why: string) => `${title} (${serial}) ${why}.`,
  reservedForOther: (title: string, serial: string) =>
    `${title} (${serial}) is reserved for another client. Attach that client to sell it.`,
  why: {
    sold: 'has already been sold',
    'on-memo': 'is out on memo',
    'in-repair': 'is at the bench for repair',
    'in-transit': 'is in transit between stores',
    returned: 'was returned and awaits inspection',
    'written-off': 'was written off (lost, damaged or stolen)',
  } as Record<string, string>,
  cannotBeSold: 'cannot be sold',
};

export type SellStrings = typeof en;
const catalog: Catalog<SellStrings> = { en };
export const S: SellStrings = messages(catalog);

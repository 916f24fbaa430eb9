// Checkmarx's error body `{messageCode, messageDetails}` and the message codes this simulator uses.
import { SimError, type SimResponse } from '../core/types.js';

/**
 * [infer] CxSAST documents no message codes for Access Control; these are stable per situation so a client
 * can branch on them. The body shape is the one CxSAST REST clients model (`messageCode`, `messageDetails`).
 */
export const MessageCode = {
  invalidInput: 12563,
  unknownUser: 12564,
  notAMember: 12565,
  notFound: 12566,
  unauthorized: 12567,
  forbidden: 12568,
  notAcceptable: 12569,
  unsupportedMediaType: 12570,
  noRoute: 12571,
  methodNotAllowed: 12572,
  tooManyRequests: 12573,
  serverError: 12574,
} as const;

const CODE_FOR_STATUS: Record<number, number> = {
  400: MessageCode.invalidInput,
  401: MessageCode.unauthorized,
  403: MessageCode.forbidden,
  404: MessageCode.notFound,
  405: MessageCode.methodNotAllowed,
  406: MessageCode.notAcceptable,
  413: MessageCode.invalidInput,
  415: MessageCode.unsupportedMediaType,
  429: MessageCode.tooManyRequests,
};

/** A SimError carrying its Checkmarx message code. */
export function cxError(status: number, messageDetails: string, messageCode?: number): SimError {
  return new SimError(status, messageDetails, {}, messageCode);
}

export function errorResponse(status: number, message: string, error?: SimError): SimResponse {
  const messageCode =
    typeof error?.code === 'number' ? error.code : (CODE_FOR_STATUS[status] ?? (status >= 500 ? MessageCode.serverError : MessageCode.invalidInput));
  const headers: Record<string, string> = {};
  // [infer] IIS/ASP.NET bearer auth answers 401 with this challenge; the body shape is kept for every error.
  if (status === 401) headers['www-authenticate'] = 'Bearer error="invalid_token"';
  return { status, headers, body: { messageCode, messageDetails: message } };
}

import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { AppError, type ErrorKind, type LocalizedText } from './errors.js';

const STATUS: Record<ErrorKind, number> = {
  validation: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  precondition: 412,
  too_large: 413,
  unsupported: 415,
  rate_limited: 429,
};

export type ErrorBody = { code: string; message: LocalizedText; details: unknown; requestId: string };

function body(req: FastifyRequest, code: string, message: LocalizedText, details: unknown = null): ErrorBody {
  return { code, message, details, requestId: req.id };
}

/** Maps Fastify's own client errors (bad JSON, oversize bodies, wrong content type) to stable codes. */
const FASTIFY_CODES: Record<string, { status: number; code: string; message: LocalizedText }> = {
  FST_ERR_CTP_INVALID_JSON_BODY: {
    status: 400,
    code: 'MALFORMED_JSON',
    message: { vi: 'Nội dung gửi lên không phải JSON hợp lệ', en: 'The request body is not valid JSON' },
  },
  FST_ERR_CTP_EMPTY_JSON_BODY: {
    status: 400,
    code: 'MALFORMED_JSON',
    message: { vi: 'Nội dung JSON bị trống', en: 'The JSON body is empty' },
  },
  FST_ERR_CTP_BODY_TOO_LARGE: {
    status: 413,
    code: 'BODY_TOO_LARGE',
    message: { vi: 'Nội dung gửi lên vượt quá dung lượng cho phép', en: 'The request body is too large' },
  },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: {
    status: 415,
    code: 'UNSUPPORTED_MEDIA_TYPE',
    message: { vi: 'Kiểu nội dung không được hỗ trợ', en: 'Unsupported content type' },
  },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: {
    status: 400,
    code: 'BAD_CONTENT_LENGTH',
    message: { vi: 'Độ dài nội dung không khớp', en: 'Content length does not match the body' },
  },
};

export function installErrorHandler(app: FastifyInstance): void {
  app.setNotFoundHandler((req, reply) => {
    reply
      .code(404)
      .send(body(req, 'ROUTE_NOT_FOUND', { vi: 'Không tìm thấy địa chỉ yêu cầu', en: 'No such route' }, { url: req.url }));
  });

  app.setErrorHandler((err: FastifyError, req: FastifyRequest, reply: FastifyReply) => {
    if (err instanceof AppError) {
      return reply.code(STATUS[err.kind]).send(body(req, err.code, err.localized, err.details));
    }
    if (hasZodFastifySchemaValidationErrors(err)) {
      const issues = err.validation.map((v) => ({
        field: [err.validationContext, ...String(v.instancePath ?? '').split('/').filter(Boolean)].join('.'),
        problem: v.keyword,
        message: v.message,
      }));
      return reply.code(400).send(
        body(
          req,
          'VALIDATION_FAILED',
          { vi: 'Dữ liệu gửi lên không hợp lệ', en: 'The request is not valid' },
          { issues },
        ),
      );
    }
    const known = err.code ? FASTIFY_CODES[err.code] : undefined;
    if (known) return reply.code(known.status).send(body(req, known.code, known.message));
    if (err.statusCode === 429) {
      return reply
        .code(429)
        .send(body(req, 'RATE_LIMITED', { vi: 'Bạn gửi quá nhiều yêu cầu, vui lòng thử lại sau', en: 'Too many requests, try again later' }));
    }
    if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) {
      return reply
        .code(err.statusCode)
        .send(body(req, 'BAD_REQUEST', { vi: 'Yêu cầu không hợp lệ', en: 'Bad request' }, { reason: err.message }));
    }
    // Anything else is our fault: log it whole, tell the client nothing internal.
    req.log.error({ err }, 'unhandled error');
    return reply
      .code(500)
      .send(body(req, 'INTERNAL_ERROR', { vi: 'Lỗi hệ thống, vui lòng thử lại sau', en: 'Internal error, please try again later' }));
  });
}

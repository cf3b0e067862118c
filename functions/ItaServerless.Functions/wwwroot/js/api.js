// SPDX-License-Identifier: MIT
// fetch for the API: bearer token, JSON bodies, ETags and RFC 9457 problems.
import { getSession } from './session.js';

/** An answer that was not 2xx; problem is the RFC 9457 body (always with errors[] and titleTh). */
export class ApiError extends Error {
  constructor(status, problem) {
    super(problem.titleTh || problem.title || `HTTP ${status}`);
    this.status = status;
    this.problem = problem;
  }

  /** The field errors: [{ field, code, th, en }]. */
  get errors() {
    return Array.isArray(this.problem.errors) ? this.problem.errors : [];
  }
}

const STATUS_TH = {
  401: 'โทเคนไม่ถูกต้องหรือหมดอายุ กรุณาเข้าสู่ระบบใหม่',
  403: 'โทเคนนี้ไม่มีสิทธิ์ทำรายการนี้',
  404: 'ไม่พบข้อมูล',
  409: 'ข้อมูลซ้ำกับที่มีอยู่แล้ว',
  412: 'ข้อมูลถูกแก้ไขโดยผู้อื่นแล้ว กรุณาโหลดใหม่แล้วแก้ไขอีกครั้ง',
  413: 'ข้อมูลที่ส่งมีขนาดใหญ่เกินไป',
  428: 'ต้องโหลดข้อมูลล่าสุดก่อนบันทึก',
  503: 'ระบบไม่พร้อมใช้งานชั่วคราว กรุณาลองใหม่อีกครั้ง',
};

/**
 * Calls the API. options: body (object → JSON), etag (sent as If-Match), createOnly
 * (If-None-Match: *), adminKey (x-functions-key instead of the bearer token), anonymous (no
 * token), idempotencyKey, cache (the fetch cache mode; default no-store).
 * Returns { status, data, etag }; throws ApiError for any non-2xx answer.
 */
export async function api(method, path, options = {}) {
  const headers = { Accept: 'application/json, application/problem+json' };
  if (options.adminKey) {
    headers['x-functions-key'] = options.adminKey;
  } else if (!options.anonymous) {
    const session = getSession();
    if (session && session.token) headers.Authorization = `Bearer ${session.token}`;
  }
  if (options.body !== undefined) headers['Content-Type'] = 'application/json';
  if (options.etag) headers['If-Match'] = options.etag;
  if (options.createOnly) headers['If-None-Match'] = '*';
  if (options.idempotencyKey) headers['Idempotency-Key'] = options.idempotencyKey;

  let response;
  try {
    response = await fetch(path, {
      method,
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      cache: options.cache || 'no-store',
    });
  } catch {
    throw new ApiError(0, {
      title: 'The server could not be reached.',
      titleTh: 'ติดต่อเซิร์ฟเวอร์ไม่ได้ กรุณาตรวจสอบการเชื่อมต่อแล้วลองใหม่ (ข้อมูลที่กรอกยังอยู่ครบ)',
      status: 0,
      errors: [],
    });
  }

  const text = await response.text();
  let data = null;
  if (text) {
    try {
      data = JSON.parse(text);
    } catch {
      data = null;
    }
  }
  if (!response.ok) {
    const problem = data && typeof data === 'object' ? data : {};
    if (!problem.titleTh) problem.titleTh = STATUS_TH[response.status] || `เกิดข้อผิดพลาด (HTTP ${response.status})`;
    if (!Array.isArray(problem.errors)) problem.errors = [];
    throw new ApiError(response.status, problem);
  }
  return { status: response.status, data, etag: response.headers.get('ETag') };
}

/** GET that answers null instead of throwing on 404 (a resource not created yet). */
export async function getOrNull(path) {
  try {
    return await api('GET', path);
  } catch (e) {
    if (e instanceof ApiError && e.status === 404) return null;
    throw e;
  }
}

/** The ETag a list item carries in its body (field "etag"). */
export function etagOf(resource) {
  return resource ? resource.etag : undefined;
}

/** Path segment escaping for ids typed by users. */
export function seg(value) {
  return encodeURIComponent(String(value));
}

/** The API root of the signed-in organization. */
export function orgPath(org) {
  return `/api/orgs/${seg(org)}`;
}

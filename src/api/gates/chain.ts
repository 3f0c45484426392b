import type {
  MedusaNextFunction,
  MedusaRequest,
  MedusaResponse,
} from "@medusajs/framework/http"

export type Middleware = (
  req: MedusaRequest,
  res: MedusaResponse,
  next: MedusaNextFunction
) => unknown

/** A route middleware typed for its own request shape. */
type AnyMiddleware = (
  req: any,
  res: MedusaResponse,
  next: MedusaNextFunction
) => unknown

/**
 * Runs middlewares one after the other as Express would: the next one when
 * a middleware calls `next()`, the error handler on `next(error)`, nothing
 * more once one answers.
 */
export const chain =
  (...middlewares: AnyMiddleware[]): Middleware =>
  (req, res, next) => {
    let index = 0
    const step = (error?: unknown) => {
      if (error !== undefined && error !== null) {
        return next(error)
      }
      const middleware = middlewares[index++]
      if (!middleware) {
        return next()
      }
      try {
        Promise.resolve(middleware(req, res, step)).catch(next)
      } catch (thrown) {
        next(thrown)
      }
    }
    step()
  }

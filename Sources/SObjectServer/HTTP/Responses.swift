import Foundation
import Hummingbird
import SObjectGenCore

extension Response {
  static func json(_ status: Int, _ text: String?) -> Response {
    guard let text else { return Response(status: .init(code: status)) }
    return Response(
      status: .init(code: status), headers: [.contentType: "application/json;charset=UTF-8"],
      body: ResponseBody(byteBuffer: ByteBuffer(string: text)))
  }

  static func core(_ response: CoreResponse) -> Response { .json(response.status, response.body) }

  static func error(_ error: APIError) -> Response { .json(error.status, error.json.compact()) }
}

/// Every failure becomes Salesforce's error list: the core's refusals as they are, the router's own
/// (no such route, method) as NOT_FOUND / METHOD_NOT_ALLOWED, anything else as UNKNOWN_EXCEPTION.
struct SalesforceErrorMiddleware<Context: RequestContext>: RouterMiddleware {
  func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
    -> Response
  {
    do {
      return try await next(request, context)
    } catch let error as APIError {
      return .error(error)
    } catch let error as HTTPError {
      switch error.status.code {
      case 404: return .error(.notFound)
      case 405:
        return .error(
          APIError(status: 405, APIProblem("METHOD_NOT_ALLOWED", "HTTP Method '\(request.method)' not allowed.")))
      case 413: return .error(Self.tooLarge)
      default:
        return .error(
          APIError(status: error.status.code, APIProblem("UNKNOWN_EXCEPTION", error.body ?? "\(error.status)")))
      }
    } catch {
      context.logger.error("request failed: \(error)")
      return .error(
        APIError(
          status: 500,
          APIProblem(
            "UNKNOWN_EXCEPTION",
            "An unexpected error occurred. Please include this ErrorId if you contact support: \(String(describing: type(of: error)))"
          )))
    }
  }

  static var tooLarge: APIError {
    APIError(status: 413, APIProblem("REQUEST_ENTITY_TOO_LARGE", "The request body exceeds the maximum size"))
  }
}

/// Every call but the token endpoint needs `Authorization: Bearer <token>` (or Salesforce's older
/// `OAuth <token>`); anything else is 401 INVALID_SESSION_ID.
struct BearerTokenMiddleware<Context: RequestContext>: RouterMiddleware {
  var token: String

  func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
    -> Response
  {
    if request.uri.path == "/services/oauth2/token" { return try await next(request, context) }
    let header = request.headers[.authorization] ?? ""
    var given = ""
    for scheme in ["Bearer ", "OAuth "] where header.hasPrefix(scheme) {
      given = String(header.dropFirst(scheme.count))
    }
    guard Self.constantTimeEqual(given, token) else {
      return .error(APIError(status: 401, APIProblem("INVALID_SESSION_ID", "Session expired or invalid")))
    }
    return try await next(request, context)
  }

  static func constantTimeEqual(_ a: String, _ b: String) -> Bool {
    let x = Array(a.utf8)
    let y = Array(b.utf8)
    var difference = UInt8(x.count == y.count ? 0 : 1)
    for index in 0..<max(x.count, y.count) {
      difference |= (index < x.count ? x[index] : 0) ^ (index < y.count ? y[index] : 0)
    }
    return difference == 0
  }
}

/// A request body, at most `maxBodySize` bytes.
func collectBody(_ request: Request, maxBodySize: Int) async throws -> Data {
  do {
    var buffer = try await request.body.collect(upTo: maxBodySize)
    return Data(buffer.readBytes(length: buffer.readableBytes) ?? [])
  } catch {
    throw SalesforceErrorMiddleware<BasicRequestContext>.tooLarge
  }
}

import Foundation
import Hummingbird
import SObjectGenCore
import SObjectMetadata

/// The routes, one collection per resource; each hands names, IDs and bodies to the core.
struct ServerRoutes {
  var service: RecordService
  var token: String
  var maxBodySize: Int
  /// The base URL clients reach the server at (OAuth's `instance_url`).
  var instanceURL: @Sendable () -> String

  var model: ServerModel { service.model }

  func apiVersion(_ context: some RequestContext) throws -> APIVersion {
    guard let text = context.parameters.get("version"), let version = model.version(fromPathComponent: text) else {
      throw APIError.notFound
    }
    return version
  }

  func body(_ request: Request) async throws -> Data { try await collectBody(request, maxBodySize: maxBodySize) }

  /// `GET /services/data` and `GET /services/data/vXX.X`.
  func versions() -> RouteCollection<BasicRequestContext> {
    let routes = RouteCollection(context: BasicRequestContext.self)
    routes.get { _, _ in
      let oldest = max(ServerModel.oldestVersion.major, 20)
      let list = (oldest...model.newestVersion.major).map { major -> JSONValue in
        let version = APIVersion(major)
        return .object([
          ("label", .string(ServerModel.releaseLabel(version))), ("url", .string("/services/data/v\(version)")),
          ("version", .string("\(version)")),
        ])
      }
      return Response.json(200, JSONValue.array(list).compact())
    }
    routes.get(":version") { _, context in
      let version = try apiVersion(context)
      let base = "/services/data/v\(version)"
      let resources: [(String, JSONValue)] = ["sobjects", "composite", "query", "queryAll", "search"].map {
        ($0, .string("\(base)/\($0)"))
      }
      return Response.json(200, JSONValue.object(resources).compact())
    }
    return routes
  }

  /// `…/sobjects` and everything under it.
  func sobjects() -> RouteCollection<BasicRequestContext> {
    let routes = RouteCollection(context: BasicRequestContext.self)
    routes.get { _, context in Response.json(200, model.describeGlobal(try apiVersion(context))) }
    routes.get("**") { request, context in try await get(request, context) }
    routes.post("**") { request, context in try await post(request, context) }
    routes.patch("**") { request, context in try await patch(request, context) }
    routes.delete("**") { request, context in try await delete(request, context) }
    return routes
  }

  /// The path's components after the version, percent-decoded (Foundation's decoding only for a
  /// component that has a `%`: most have none, and every record call reads them).
  func components(_ context: some RequestContext) -> [String] {
    context.parameters.getCatchAll().map { component in
      let text = String(component)
      return text.utf8.contains(UInt8(ascii: "%")) ? text.removingPercentEncoding ?? text : text
    }
  }

  func get(_ request: Request, _ context: some RequestContext) async throws -> Response {
    let version = try apiVersion(context)
    let path = components(context)
    let query = request.uri.queryParameters
    let fields = query.get("fields")
    switch path.count {
    case 1:
      guard let object = model.object(named: path[0], in: version) else { throw APIError.notFound }
      return .json(200, model.basicInfo(object, version))
    case 2 where path[1] == "describe":
      let object = try service.resolveObject(path[0], version, for: .describeSObjects)
      return .json(200, try model.describe(object, version))
    case 3 where path[1] == "describe" && path[2] == "layouts":
      let object = try service.resolveObject(path[0], version, for: .describeLayout)
      return .json(200, try model.describeLayouts(object, version))
    case 4 where path[1] == "describe" && path[2] == "layouts":
      let object = try service.resolveObject(path[0], version, for: .describeLayout)
      return .json(200, try model.describeLayout(object, version, recordTypeID: path[3]))
    case 2 where path[1] == "updated":
      return .core(
        try await service.getUpdated(
          object: path[0], start: query.get("start"), end: query.get("end"), version: version))
    case 2 where path[1] == "deleted":
      return .core(
        try await service.getDeleted(
          object: path[0], start: query.get("start"), end: query.get("end"), version: version))
    case 2:
      return .core(try await service.retrieve(object: path[0], id: path[1], fields: fields, version: version))
    case 3:
      return .core(
        try await service.retrieve(object: path[0], field: path[1], value: path[2], fields: fields, version: version))
    default: throw APIError.notFound
    }
  }

  func post(_ request: Request, _ context: some RequestContext) async throws -> Response {
    let version = try apiVersion(context)
    let path = components(context)
    guard path.count == 1 else {
      throw APIError(
        status: 405,
        APIProblem("METHOD_NOT_ALLOWED", "HTTP Method 'POST' not allowed. Allowed are HEAD,GET,PATCH,DELETE"))
    }
    return .core(try await service.create(object: path[0], version: version, body: try await body(request)))
  }

  func patch(_ request: Request, _ context: some RequestContext) async throws -> Response {
    let version = try apiVersion(context)
    let path = components(context)
    switch path.count {
    case 2:
      return .core(
        try await service.update(object: path[0], id: path[1], version: version, body: try await body(request)))
    case 3:
      return .core(
        try await service.upsert(
          object: path[0], field: path[1], value: path[2], version: version, body: try await body(request)))
    default: throw APIError.notFound
    }
  }

  func delete(_ request: Request, _ context: some RequestContext) async throws -> Response {
    let version = try apiVersion(context)
    let path = components(context)
    guard path.count == 2 else { throw APIError.notFound }
    return .core(try await service.delete(object: path[0], id: path[1], version: version))
  }

  /// sObject Collections: `…/composite/sobjects`.
  func composite() -> RouteCollection<BasicRequestContext> {
    let routes = RouteCollection(context: BasicRequestContext.self)
    routes.post { request, context in
      Response.core(try await service.createCollection(version: try apiVersion(context), body: try await body(request)))
    }
    routes.patch { request, context in
      Response.core(try await service.updateCollection(version: try apiVersion(context), body: try await body(request)))
    }
    routes.delete { request, context in
      let query = request.uri.queryParameters
      let ids = (query.get("ids") ?? "").split(separator: ",").map(String.init)
      let allOrNone = query.get("allOrNone")?.lowercased() == "true"
      return Response.core(
        try await service.deleteCollection(ids: ids, allOrNone: allOrNone, version: try apiVersion(context)))
    }
    return routes
  }

  /// Undelete, as an Apex REST resource an org could deploy: `POST /services/apexrest/sobjects/undelete`
  /// with `{"ids": [...], "allOrNone": false}` → one UndeleteResult per ID.
  func apexUndelete() -> RouteCollection<BasicRequestContext> {
    let routes = RouteCollection(context: BasicRequestContext.self)
    routes.post { request, _ in
      let body = try RecordService.bodyObject(try await body(request))
      guard case .array(let items)? = body["ids"] else {
        throw APIError(status: 400, APIProblem("JSON_PARSER_ERROR", "The body must hold an ids array"))
      }
      let ids = items.compactMap { if case .string(let id) = $0 { return id } else { return nil } }
      guard ids.count == items.count, ids.count <= 200 else {
        throw APIError(status: 400, APIProblem("JSON_PARSER_ERROR", "ids must be at most 200 strings"))
      }
      var allOrNone = false
      if case .bool(let flag)? = body["allOrNone"] { allOrNone = flag }
      return Response.core(try await service.undelete(ids: ids, version: model.newestVersion, allOrNone: allOrNone))
    }
    return routes
  }

  /// `POST /services/oauth2/token`: client credentials (the client secret is the server's token),
  /// or a refresh token or password grant whose secret is the token.
  func oauth() -> RouteCollection<BasicRequestContext> {
    let routes = RouteCollection(context: BasicRequestContext.self)
    routes.post { request, _ in
      let data = try await body(request)
      let form = String(decoding: data, as: UTF8.self)
      var fields: [String: String] = [:]
      for pair in form.split(separator: "&") {
        let parts = pair.split(separator: "=", maxSplits: 1).map {
          String($0).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? String($0)
        }
        if parts.count == 2 { fields[parts[0]] = parts[1] }
      }
      let grant = fields["grant_type"] ?? ""
      let secret = fields["client_secret"] ?? fields["refresh_token"] ?? ""
      guard ["client_credentials", "refresh_token", "password"].contains(grant) else {
        return Response.json(400, #"{"error":"unsupported_grant_type","error_description":"grant type not supported"}"#)
      }
      guard BearerTokenMiddleware<BasicRequestContext>.constantTimeEqual(secret, token) else {
        return Response.json(400, #"{"error":"invalid_client","error_description":"invalid client credentials"}"#)
      }
      let instance = instanceURL()
      let answer: JSONValue = .object([
        ("access_token", .string(token)), ("instance_url", .string(instance)),
        ("id", .string("\(instance)/id/00D000000000000AAA/\(service.userID)")), ("token_type", "Bearer"),
        ("issued_at", .string(String(Int64(Date().timeIntervalSince1970 * 1000)))), ("signature", ""),
      ])
      return Response.json(200, answer.compact())
    }
    return routes
  }
}

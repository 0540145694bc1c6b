/// An error as Salesforce's query and search calls report it: an error code (`MALFORMED_QUERY`,
/// `INVALID_FIELD`, `INVALID_TYPE`, …), the message, and where in the query text the problem is.
public struct QueryError: Error, Sendable, Hashable, CustomStringConvertible {
  public var errorCode: String
  /// The message without the position preamble (`No such column 'X' on entity 'Y'. …`).
  public var detail: String
  /// The offset, in characters from 0, of the problem in the query text; nil where the problem has
  /// no place in the text (a limit of the whole query).
  public var offset: Int?
  /// 1-based row and column of `offset`, as Salesforce's `ERROR at Row:1:Column:N`.
  public var row: Int?
  public var column: Int?
  /// The text of the query's row holding the problem, for the message.
  var sourceLine: String?

  public init(_ errorCode: String, _ detail: String, offset: Int? = nil) {
    self.errorCode = errorCode
    self.detail = detail
    self.offset = offset
  }

  /// The message as the REST API returns it: for an error with a position, the query's row, a
  /// caret under the problem, `ERROR at Row:r:Column:c` and the detail.
  public var message: String {
    guard let row, let column, let sourceLine else { return detail }
    return
      "\n\(sourceLine)\n\(String(repeating: " ", count: max(0, column - 1)))^\nERROR at Row:\(row):Column:\(column)\n\(detail)"
  }

  /// The REST API's error body: `[{"message": …, "errorCode": …}]`.
  public var restBody: [[String: String]] { [["message": message, "errorCode": errorCode]] }

  public var description: String { "\(errorCode) at \(offset.map(String.init) ?? "-"): \(detail)" }

  /// The error with its row, column and source line filled in from the query text.
  func located(in text: String) -> QueryError {
    guard let offset else { return self }
    var copy = self
    var row = 1
    var lineStart = 0
    var index = 0
    for character in text.unicodeScalars {
      if index >= offset { break }
      if character == "\n" {
        row += 1
        lineStart = index + 1
      }
      index += 1
    }
    copy.row = row
    copy.column = offset - lineStart + 1
    let scalars = Array(text.unicodeScalars)
    var end = lineStart
    while end < scalars.count, scalars[end] != "\n", end - lineStart < 2000 { end += 1 }
    var line = ""
    line.unicodeScalars.append(contentsOf: scalars[min(lineStart, scalars.count)..<end])
    copy.sourceLine = line
    return copy
  }

  /// A `nextRecordsUrl` locator the server does not know (or no longer keeps).
  public static func invalidQueryLocator() -> QueryError {
    QueryError("INVALID_QUERY_LOCATOR", "invalid query locator")
  }

  static func malformed(_ detail: String, at offset: Int?) -> QueryError {
    QueryError("MALFORMED_QUERY", detail, offset: offset)
  }

  static func invalidField(_ name: String, entity: String, at offset: Int) -> QueryError {
    QueryError(
      "INVALID_FIELD",
      "No such column '\(name)' on entity '\(entity)'. If you are attempting to use a custom field, be sure to append the '__c' after the custom field name. Please reference your WSDL or the describe call for the appropriate names.",
      offset: offset)
  }

  static func invalidType(_ name: String, at offset: Int) -> QueryError {
    QueryError(
      "INVALID_TYPE",
      "sObject type '\(name)' is not supported. If you are attempting to use a custom object, be sure to append the '__c' after the entity name. Please reference your WSDL or the describe call for the appropriate names.",
      offset: offset)
  }

  static func unknownParentRelationship(_ name: String, at offset: Int) -> QueryError {
    QueryError(
      "INVALID_FIELD",
      "Didn't understand relationship '\(name)' in field path. If you are attempting to use a custom relationship, be sure to append the '__r' after the custom relationship name. Please reference your WSDL or the describe call for the appropriate names.",
      offset: offset)
  }

  static func unknownChildRelationship(_ name: String, at offset: Int) -> QueryError {
    QueryError(
      "INVALID_TYPE",
      "Didn't understand relationship '\(name)' in FROM part of query call. If you are attempting to use a custom relationship, be sure to append the '__r' after the custom relationship name. Please reference your WSDL or the describe call for the appropriate names.",
      offset: offset)
  }
}

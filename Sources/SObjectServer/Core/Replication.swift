import Foundation
import SObjectGenCore
import SObjectMetadata

import struct SObjectRuntime.SalesforceDateTime

/// getUpdated and getDeleted (`…/sobjects/<O>/updated/` and `…/deleted/`), with the window rules of
/// Salesforce's REST and SOAP documentation: the seconds of `start` and `end` are ignored; `start`
/// must precede `end`; results reach back no more than 30 days (getUpdated) or 15 days (getDeleted)
/// before the day of the call; at most 600,000 IDs. Every breach is INVALID_REPLICATION_DATE (or
/// EXCEEDED_ID_LIMIT), as an org answers.
extension RecordService {
  /// How many days before the day of the call getUpdated reaches back.
  static let updatedWindowDays = 30
  /// How many days before the day of the call getDeleted reaches back (the recycle bin's 15 days).
  static let deletedWindowDays = 15
  /// The most IDs one call returns.
  static let replicationIDLimit = 600_000

  /// The window a request asks for, whole minutes, checked against the rules.
  func replicationWindow(_ start: String?, _ end: String?, windowDays: Int) throws -> (start: Date, end: Date) {
    guard let start, let end else {
      throw APIError(status: 400, APIProblem("MISSING_ARGUMENT", "start and end are both required parameters"))
    }
    guard let startDate = SalesforceDateTime(start)?.date, let endDate = SalesforceDateTime(end)?.date else {
      throw APIError(status: 400, APIProblem("INVALID_DATETIME", "start and end must be date-times: \(start), \(end)"))
    }
    let (first, last) = (Self.minute(startDate), Self.minute(endDate))
    guard first < last else {
      throw APIError(
        status: 400, APIProblem("INVALID_REPLICATION_DATE", "startDate must chronologically precede endDate"))
    }
    let oldest = Self.day(clock()).addingTimeInterval(-Double(windowDays) * 86_400)
    guard first >= oldest else {
      throw APIError(
        status: 400,
        APIProblem(
          "INVALID_REPLICATION_DATE",
          "startDate cannot be more than \(windowDays) days ago: the earliest start is \(StoredDateTime.restText(oldest))"
        ))
    }
    return (first, last)
  }

  /// Salesforce covers whole minutes: a date-time, rounded down to its minute.
  static func minute(_ date: Date) -> Date {
    Date(timeIntervalSince1970: (date.timeIntervalSince1970 / 60).rounded(.down) * 60)
  }

  /// The start (UTC midnight) of a date-time's day.
  static func day(_ date: Date) -> Date {
    Date(timeIntervalSince1970: (date.timeIntervalSince1970 / 86_400).rounded(.down) * 86_400)
  }

  /// The records changed (or deleted) in the window, by SystemModstamp, oldest first.
  func changed(
    _ object: SObjectDefinition, deleted: Bool, from start: Date, to end: Date
  ) async throws -> [(String, Date)] {
    let rows = try await store.read { session in
      let sql = SQLText(dialect: session.dialect)
      let statement = """
        SELECT \(sql.q("Id")), \(sql.q("SystemModstamp")) FROM \(sql.q(object.name)) \
        WHERE \(sql.q("IsDeleted")) = \(sql.placeholder(1, type: nil)) \
        AND \(sql.q("SystemModstamp")) >= \(sql.placeholder(2, type: nil)) \
        AND \(sql.q("SystemModstamp")) < \(sql.placeholder(3, type: nil)) \
        ORDER BY \(sql.q("SystemModstamp")), \(sql.q("Id")) LIMIT \(Self.replicationIDLimit + 1)
        """
      return try await session.query(
        statement, [.bool(deleted), .dateTime(start), .dateTime(end)], types: [.id, .datetime])
    }
    guard rows.count <= Self.replicationIDLimit else {
      throw APIError(
        status: 400,
        APIProblem(
          "EXCEEDED_ID_LIMIT",
          "More than \(Self.replicationIDLimit) IDs were found: choose start and end dates closer together"))
    }
    return rows.compactMap { row in
      guard case .text(let id) = row[0], case .dateTime(let date) = row[1] else { return nil }
      return (id, date)
    }
  }

  public func getUpdated(object name: String, start: String?, end: String?, version: APIVersion) async throws
    -> CoreResponse
  {
    let object = try resolveObject(name, version, for: .getUpdated)
    let window = try replicationWindow(start, end, windowDays: Self.updatedWindowDays)
    let covered = min(window.end, Self.minute(clock()))
    let rows = try await changed(object, deleted: false, from: window.start, to: window.end)
    return .json(
      200,
      .object([
        ("ids", .array(rows.map { .string($0.0) })), ("latestDateCovered", .string(StoredDateTime.restText(covered))),
      ]))
  }

  /// `earliestDateAvailable` is the database's creation: the server never purges its recycle bin,
  /// so nothing deleted since then is missing, and no start inside the window is refused for it.
  public func getDeleted(object name: String, start: String?, end: String?, version: APIVersion) async throws
    -> CoreResponse
  {
    let object = try resolveObject(name, version, for: .getDeleted)
    let window = try replicationWindow(start, end, windowDays: Self.deletedWindowDays)
    let covered = min(window.end, Self.minute(clock()))
    let rows = try await changed(object, deleted: true, from: window.start, to: window.end)
    let earliest = try await ServerTables.createdAt(store)
    return .json(
      200,
      .object([
        (
          "deletedRecords",
          .array(
            rows.map { .object([("id", .string($0.0)), ("deletedDate", .string(StoredDateTime.restText($0.1)))]) })
        ),
        ("earliestDateAvailable", .string(StoredDateTime.restText(Self.minute(earliest)))),
        ("latestDateCovered", .string(StoredDateTime.restText(covered))),
      ]))
  }
}

import Foundation
import SObjectGenCore
import SObjectMetadata

import struct SObjectRuntime.AnySalesforceID

/// What deleting a record does to the records that point at it, as an org does, and what undelete
/// gives back. Each reference field's action is the one the generated DDL gives its foreign key
/// (`sqlDeleteAction`), applied to the recycle bin instead of a physical delete:
/// - cascade (master-detail, or the "Cascade delete" property): the children go into the recycle
///   bin with the parent, and come back when it is undeleted;
/// - restrict ("Restricted delete") and a lookup that cannot be empty: the delete is refused with
///   DELETE_FAILED while live children point at the record;
/// - a nillable lookup: the field is cleared on the live children (their SystemModstamp moves, so
///   getUpdated reports them) and set again when the record is undeleted, unless it was set since.
/// Each cascaded child and each cleared field is remembered in `sobjectserver_delete_effects`.
extension RecordService {
  static let deleteEffectsTable = "sobjectserver_delete_effects"

  /// Made on every start (`IF NOT EXISTS`), so that databases made before it get it too.
  static func deleteEffectsDDL(_ dialect: SQLDialect) -> [String] {
    let table = dialect.quoted(deleteEffectsTable)
    return [
      """
      CREATE TABLE IF NOT EXISTS \(table) ("parentId" TEXT NOT NULL, "object" TEXT NOT NULL, \
      "recordId" TEXT NOT NULL, "field" TEXT NOT NULL, PRIMARY KEY ("parentId", "recordId", "field"))
      """
    ]
  }

  /// A reference field of `child` that can point at records of the parent object.
  struct ChildReference {
    var child: SObjectDefinition
    var field: FieldDefinition
  }

  func childReferences(to parent: SObjectDefinition) -> [ChildReference] {
    model.model.objects.flatMap { child in
      child.allFields.compactMap { field in
        guard let reference = field.reference, reference.targets.contains(parent.name) else { return nil }
        return ChildReference(child: child, field: field)
      }
    }
  }

  /// The live records of `reference.child` whose field holds `id`.
  func liveChildren(_ session: any StoreSession, _ reference: ChildReference, of id: String) async throws -> [String] {
    let sql = SQLText(dialect: session.dialect)
    let statement = """
      SELECT \(sql.q("Id")) FROM \(sql.q(reference.child.name)) \
      WHERE \(sql.q(reference.field.name)) = \(sql.placeholder(1, type: nil)) \
      AND \(sql.q("IsDeleted")) = \(sql.placeholder(2, type: nil)) ORDER BY \(sql.q("Id"))
      """
    let rows = try await session.query(statement, [.text(id), .bool(false)], types: [.id])
    return rows.compactMap { if case .text(let child) = $0.first { child } else { nil } }
  }

  /// Before `id` of `object` goes into the recycle bin: refuse, cascade or clear, as each child
  /// reference says. Runs inside the delete's transaction.
  func applyDeleteEffects(_ session: any StoreSession, _ object: SObjectDefinition, id: String) async throws {
    for reference in childReferences(to: object) {
      let children = try await liveChildren(session, reference, of: id)
      guard !children.isEmpty else { continue }
      switch reference.field.sqlDeleteAction {
      case .restrict, .noAction:
        throw APIError(
          status: 400,
          APIProblem(
            "DELETE_FAILED",
            "Your attempt to delete \(object.name) \(id) could not be completed because it is associated with "
              + "the following \(reference.child.pluralLabel): \(children.prefix(5).joined(separator: ", ")). "
              + "To delete it, first remove those references."
          ))
      case .cascade:
        for child in children where child != id {
          try await setDeleted(session, reference.child, id: child, deleted: true)
          try await rememberEffect(session, parent: id, object: reference.child, record: child, field: "")
        }
      case .setNull:
        let sql = SQLText(dialect: session.dialect)
        let modstamp = reference.child.allFields.first { $0.name == "SystemModstamp" }!
        let statement = sql.update(
          table: reference.child.name,
          columns: [(reference.field.name, reference.field.sqlColumnType), (modstamp.name, modstamp.sqlColumnType)])
        for child in children {
          try await session.execute(statement, [.null, .dateTime(clock()), .text(child)])
          try await rememberEffect(
            session, parent: id, object: reference.child, record: child, field: reference.field.name)
        }
      }
    }
  }

  /// After `id` of `object` leaves the recycle bin: its cascaded children come back, and cleared
  /// fields that are still empty point at it again.
  func restoreDeleteEffects(_ session: any StoreSession, _ object: SObjectDefinition, id: String) async throws {
    let sql = SQLText(dialect: session.dialect)
    let table = sql.q(Self.deleteEffectsTable)
    let effects = try await session.query(
      """
      SELECT "object", "recordId", "field" FROM \(table) WHERE "parentId" = \(sql.placeholder(1, type: nil)) \
      ORDER BY "object", "recordId", "field"
      """, [.text(id)], types: [.text(maxLength: nil), .id, .text(maxLength: nil)])
    try await session.execute(
      "DELETE FROM \(table) WHERE \"parentId\" = \(sql.placeholder(1, type: nil))", [.text(id)])
    for effect in effects {
      guard case .text(let objectName) = effect[0], case .text(let record) = effect[1],
        case .text(let fieldName) = effect[2], let child = model.model[objectNamed: objectName]
      else { continue }
      guard let current = try await fetch(session, child, id: record, fields: []) else { continue }
      if fieldName.isEmpty {
        if current.isDeleted { try await setDeleted(session, child, id: record, deleted: false) }
        continue
      }
      guard !current.isDeleted, let field = child.allFields.first(where: { $0.name == fieldName }) else { continue }
      let modstamp = child.allFields.first { $0.name == "SystemModstamp" }!
      let statement = """
        UPDATE \(sql.q(child.name)) SET \(sql.q(field.name)) = \(sql.placeholder(1, type: field.sqlColumnType)), \
        \(sql.q(modstamp.name)) = \(sql.placeholder(2, type: modstamp.sqlColumnType)) \
        WHERE \(sql.q("Id")) = \(sql.placeholder(3, type: .id)) AND \(sql.q(field.name)) IS NULL
        """
      try await session.execute(statement, [.text(id), .dateTime(clock()), .text(record)])
    }
  }

  /// A record whose master is in the recycle bin cannot be undeleted on its own.
  func checkMastersLive(_ session: any StoreSession, _ object: SObjectDefinition, id: String) async throws {
    let masters = object.allFields.filter { $0.reference != nil && $0.sqlDeleteAction == .cascade }
    guard !masters.isEmpty, let row = try await fetch(session, object, id: id, fields: masters) else { return }
    for field in masters {
      guard case .text(let parentID)? = row.values[field.name], let parsed = AnySalesforceID(parentID),
        let parent = model.object(withKeyPrefix: parsed.keyPrefix),
        let parentRow = try await fetch(session, parent, id: parentID, fields: []), parentRow.isDeleted
      else { continue }
      throw APIError(
        status: 400,
        APIProblem(
          "UNDELETE_FAILED", "The record's \(field.name) \(parentID) is in the recycle bin: undelete it first",
          fields: [field.name]))
    }
  }

  func rememberEffect(
    _ session: any StoreSession, parent: String, object: SObjectDefinition, record: String, field: String
  ) async throws {
    let sql = SQLText(dialect: session.dialect)
    let statement = """
      INSERT INTO \(sql.q(Self.deleteEffectsTable)) ("parentId", "object", "recordId", "field") \
      VALUES (\((1...4).map { sql.placeholder($0, type: nil) }.joined(separator: ", ")))
      """
    try await session.execute(statement, [.text(parent), .text(object.name), .text(record), .text(field)])
  }
}

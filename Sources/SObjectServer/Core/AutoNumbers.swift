import SObjectGenCore
import SObjectMetadata

/// The counters behind auto-number fields, one per object and field.
///
/// - SQLite: a row per counter in `sobjectserver_autonumbers`, bumped inside the create's write (the
///   group commit's single writer serialises creates anyway).
/// - PostgreSQL: a sequence per counter, so that concurrent creates do not wait on one counter row's
///   lock until each commits. A number taken by a create that is then rolled back (an `allOrNone`
///   collection that fails) is not given again, as Salesforce's auto-numbers also skip. On start,
///   a database made before the sequences carries each counter row's last number into its sequence.
enum AutoNumbers {
  /// The counter's name in `sobjectserver_autonumbers`.
  static func key(_ object: SObjectDefinition, _ field: FieldDefinition) -> String {
    "\(object.name).\(field.name)"
  }

  /// The PostgreSQL sequence's name: within PostgreSQL's 63 bytes, with a hash of the whole key when
  /// the object and field names are too long to spell out.
  static func sequenceName(_ object: SObjectDefinition, _ field: FieldDefinition) -> String {
    let prefix = "sobjectserver_autonumber_"
    let spelled = prefix + object.name + "_" + field.name
    if spelled.utf8.count <= 63 { return spelled }
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    for byte in key(object, field).utf8 {
      hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01b3
    }
    let suffix = "_" + String(hash, radix: 16)
    return String(spelled.utf8.prefix(63 - suffix.utf8.count))! + suffix
  }

  /// PostgreSQL: makes each auto-number field's sequence, carrying over the counter row of a
  /// database made before sequences (then deleting the row). Nothing to do on SQLite.
  static func prepare(_ session: any StoreSession, model: MetadataModel) async throws {
    guard session.dialect == .postgresql else { return }
    let dialect = session.dialect
    let sql = SQLText(dialect: dialect)
    for object in model.objects {
      for field in object.allFields where field.isAutoNumber {
        let sequence = dialect.quoted(sequenceName(object, field))
        try await session.execute("CREATE SEQUENCE IF NOT EXISTS \(sequence) AS BIGINT MINVALUE 1 START 1", [])
        let counter = [SQLValue.text(key(object, field))]
        let rows = try await session.query(
          "SELECT \"last\" FROM \(sql.q(ServerTables.autoNumbers)) WHERE \"name\" = \(sql.placeholder(1, type: nil))",
          counter, types: [.bigint])
        guard case .integer(let last)? = rows.first?.first else { continue }
        if last >= 1 {
          _ = try await session.query(
            """
            SELECT setval(\(dialect.literal(sequence)), GREATEST(\(last), \
            (SELECT CASE WHEN is_called THEN last_value ELSE 0 END FROM \(sequence))))
            """, [], types: [.bigint])
        }
        try await session.execute(
          "DELETE FROM \(sql.q(ServerTables.autoNumbers)) WHERE \"name\" = \(sql.placeholder(1, type: nil))", counter)
      }
    }
  }

  /// The next number of the field's counter.
  static func next(_ session: any StoreSession, _ object: SObjectDefinition, _ field: FieldDefinition)
    async throws -> Int64
  {
    let sql = SQLText(dialect: session.dialect)
    let rows: [[SQLValue]]
    switch session.dialect {
    case .sqlite:
      let statement = """
        INSERT INTO \(sql.q(ServerTables.autoNumbers)) ("name", "last") VALUES (\(sql.placeholder(1, type: nil)), 1)
        ON CONFLICT ("name") DO UPDATE SET "last" = \(sql.q(ServerTables.autoNumbers))."last" + 1 RETURNING "last"
        """
      rows = try await session.query(statement, [.text(key(object, field))], types: [.bigint])
    case .postgresql:
      let sequence = session.dialect.quoted(sequenceName(object, field))
      rows = try await session.query(
        "SELECT nextval(\(session.dialect.literal(sequence)))", [], types: [.bigint])
    }
    guard case .integer(let number)? = rows.first?.first else { throw StoreError("no auto-number returned") }
    return number
  }
}

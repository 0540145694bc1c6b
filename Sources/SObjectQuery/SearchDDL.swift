import SObjectGenCore
import SObjectMetadata

/// The DDL the search engine needs beside the generated tables.
public enum QueryEngineDDL {
  /// Run after `SQLSchemaEmitter.ddl(for:dialect:)`, in the same transaction.
  public static func searchDDL(for model: MetadataModel, dialect: SQLDialect) -> String { "" }
}

// Package suricata parses Suricata rule files into an AST with positions.
//
// A hand-written scanner splits a file into rules (joining lines continued
// with a trailing backslash and keeping commented-out rules as disabled),
// then splits each rule into its header and options using Suricata's
// escaping rules. Address and port expressions are small languages of their
// own and are parsed with participle grammars whose results are cached,
// since rule sets repeat the same few expressions thousands of times.
//
// Option values are kept raw, exactly as written; keyword-specific decoding
// (content hex, quoted strings) lives in helpers here and is applied by the
// compiler. Format prints a rule back in canonical form.
package suricata

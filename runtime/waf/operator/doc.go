// Package operator holds ModSecurity's operators (@rx, @pm, @eq, ...), one
// file per operator, each registering a factory under its SecLang name.
//
// Operators are built once, when the WAF is created: regular expressions
// compiled, phrase lists turned into automata, numbers parsed. An argument
// holding %{macros} is only known per transaction; its operator is built
// with Spec.Dynamic and reads the expanded argument from Call.Arg.
//
// Regular expressions run on RE2 in Latin-1 mode
// (github.com/wasilibs/go-re2/experimental), as ModSecurity's PCRE does on
// bytes: every byte of a value is one character, and \x{c2} is the byte
// 0xc2. ModSecurity compiles @rx with PCRE_DOTALL and PCRE_MULTILINE; the
// patterns get (?sm).
package operator

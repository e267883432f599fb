// Package hexdigit decodes ASCII hexadecimal digits, for the many decoders
// (content hex, URL, JS, CSS, SQL hex) that need one.
package hexdigit

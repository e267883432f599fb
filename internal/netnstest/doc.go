// Package netnstest gives tests two network namespaces joined by a veth
// pair, removed when the test ends (also when it fails), and runs code
// inside one of them. Traffic between them never leaves the host.
package netnstest

// Package sign signs and verifies compiled objects with ed25519, for
// objects shipped between machines (a deploy pipeline or node agent
// verifies them before loading).
//
// A signed object is the object's bytes followed by a trailer: the 64-byte
// ed25519 signature over those bytes and the 8-byte marker "RCSIGED1".
// Keys are PEM files in standard formats, so openssl makes them too:
// a PKCS#8 "PRIVATE KEY" (openssl genpkey -algorithm ed25519) and a PKIX
// "PUBLIC KEY" (openssl pkey -pubout).
package sign

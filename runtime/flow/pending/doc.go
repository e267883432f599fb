// Package pending is the bookkeeping app-layer parsers share: the bytes
// of each direction not consumed yet (a message cut by a segment
// boundary), releasing the transactions that are done, and a
// transaction's events, each raised once.
package pending

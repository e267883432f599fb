// Package pending is the bookkeeping app-layer parsers share: the bytes
// of each direction not consumed yet (a message cut by a segment
// boundary), and releasing the transactions that are done.
package pending

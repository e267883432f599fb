package pcre

// op is the kind of a node of a parsed pattern.
type op uint8

const (
	opSet     op = iota // one byte of set
	opConcat            // subs in sequence
	opAlt               // one of subs
	opRepeat            // subs[0], min to max times (max -1: no limit)
	opGroup             // subs[0], captured when capture is set
	opLook              // lookaround assertion on subs[0]
	opAtomic            // subs[0] without backtracking into it
	opBackref           // the text group ref matched
	opAssert            // a zero-width assertion
)

// assertion is the kind of an opAssert node.
type assertion uint8

const (
	beginText       assertion = iota // \A, ^
	beginLine                        // ^ with m
	endText                          // \z, $ with E
	endTextOptNL                     // \Z, $: the end or before a final newline
	endLine                          // $ with m
	wordBoundary                     // \b
	notWordBoundary                  // \B
	startOffset                      // \G
)

// node is one element of a parsed pattern.
type node struct {
	op         op
	set        byteSet
	subs       []*node
	min, max   int
	lazy       bool
	possessive bool
	capture    bool
	index      int // capture group number, from 1
	ahead, neg bool
	ref        int
	fold       bool // a backreference under the i flag
	assert     assertion
}

// flags are the options in force at a point of a pattern.
type flags struct {
	caseless, multiline, dotall, extended, ungreedy, dollarEndOnly bool
}

package waf

import (
	"slices"
	"time"

	"github.com/rulec/rulec/runtime/waf/operator"
)

// Tx is one HTTP transaction. Feed it in order: ProcessConnection,
// ProcessURI, AddRequestHeader..., ProcessRequestHeaders (phase 1),
// WriteRequestBody..., ProcessRequestBody (phase 2), AddResponseHeader...,
// ProcessResponseHeaders (phase 3), WriteResponseBody...,
// ProcessResponseBody (phase 4), ProcessLogging (phase 5); then read
// MatchedRules and Interruption, and Close it. A Tx is not safe for
// concurrent use.
type Tx struct {
	w     *WAF
	mode  Mode
	phase int // the last phase run
	start time.Time
	id    string

	// connection
	remoteAddr, serverAddr string
	remotePort, serverPort int

	// request line and headers
	method, uri, uriRaw, proto, line string
	path, basename, query            string
	reqHeaders, cookies              collection
	argsGet, argsPost                collection

	// request body
	reqBody          []byte
	reqBodyAccess    bool
	reqBodyLimitHit  bool
	reqBodyVar       string
	reqBodyVarSet    bool
	forceReqBodyVar  bool
	reqBodyProcessor string
	reqBodyError     string
	reqBodySet       bool // REQUEST_BODY_LENGTH is known
	xml              collection
	files, fileSizes collection
	partHeaders      collection
	filesSize        int
	flags            map[string]bool // MULTIPART_* flags

	// response
	status        int
	respProto     string
	respHeaders   collection
	respBody      []byte
	respBodyVar   string
	respBodyVarOK bool
	respAccess    bool

	// engine state
	txVars         collection
	named          map[string]*collection // IP, GLOBAL, SESSION, ...
	ruleColl       collection
	empty          collection // stays empty: variables the engine never fills
	matchedVar     string
	matchedVarName string
	matchedVars    collection
	names          map[itemKey]matchName // MATCHED_VAR_NAMEs made, kept across transactions
	highest        int                   // HIGHEST_SEVERITY, 255 when unset
	removed        []uint64
	removedTargets map[int][]exclusion // by rule index; emptied, not dropped, for the next transaction
	targetsRemoved bool                // a ctl filled removedTargets this transaction
	allowed        bool
	matched        []MatchedRule
	interruption   *Interruption
	cur            *rule

	// scratch, reused across evaluations
	rows      []int32 // transformation cache: slot x chain node -> cvals index + 1
	scalarRow []int32 // slot of each cached scalar variable, plus one
	cvals     []cacheVal
	pfArena   []uint64
	slots     int32
	items     []item
	call      operator.Call
	scratchB  []byte
}

// Close releases the transaction to its WAF's pool; it must not be used
// afterwards.
func (tx *Tx) Close() {
	tx.w.pool.Put(tx)
}

// nextSlot numbers a new collection entry (value, and key at slot+1) and
// gives both their rows in the transformation cache.
func (tx *Tx) nextSlot() int32 {
	s := tx.slots
	tx.slots += 2
	n := len(tx.rows)
	tx.rows = slices.Grow(tx.rows, 2*tx.w.nnodes)[:n+2*tx.w.nnodes]
	clear(tx.rows[n:])
	return s
}

// scalarSlot returns the slot of a cached scalar variable, giving it one
// on first use.
func (tx *Tx) scalarSlot(v *variable) int32 {
	if s := tx.scalarRow[v.id]; s > 0 {
		return s - 1
	}
	s := tx.nextSlot()
	tx.scalarRow[v.id] = s + 1
	return s
}

// addEntry appends a cached entry to a collection of request or response
// data.
func (tx *Tx) addEntry(c *collection, key, value string) {
	c.add(key, value, tx.nextSlot())
}

// reset makes a pooled transaction new.
func (tx *Tx) reset() {
	tx.mode = tx.w.cfg.Mode
	tx.phase = 0
	tx.start = time.Now()
	tx.id = newID()
	tx.remoteAddr, tx.serverAddr, tx.remotePort, tx.serverPort = "", "", 0, 0
	tx.method, tx.uri, tx.uriRaw, tx.proto, tx.line = "", "", "", "", ""
	tx.path, tx.basename, tx.query = "", "", ""
	for _, c := range []*collection{&tx.reqHeaders, &tx.cookies, &tx.argsGet, &tx.argsPost, &tx.xml, &tx.files,
		&tx.fileSizes, &tx.partHeaders, &tx.respHeaders, &tx.txVars, &tx.ruleColl, &tx.matchedVars} {
		c.reset()
	}
	tx.reqBody = tx.reqBody[:0]
	tx.reqBodyAccess = tx.w.cfg.RequestBodyAccess
	tx.reqBodyLimitHit, tx.reqBodyVar, tx.reqBodyVarSet, tx.forceReqBodyVar = false, "", false, false
	tx.reqBodyProcessor, tx.reqBodyError, tx.reqBodySet = "", "", false
	tx.filesSize = 0
	clear(tx.flags)
	tx.status, tx.respProto = 0, ""
	tx.respBody = tx.respBody[:0]
	tx.respBodyVar, tx.respBodyVarOK = "", false
	tx.respAccess = tx.w.cfg.ResponseBodyAccess
	clear(tx.named)
	tx.matchedVar, tx.matchedVarName = "", ""
	tx.highest = 255
	clear(tx.removed)
	for i, x := range tx.removedTargets {
		tx.removedTargets[i] = x[:0]
	}
	tx.targetsRemoved = false
	tx.allowed = false
	clear(tx.matched)
	tx.matched = tx.matched[:0]
	tx.interruption = nil
	tx.cur = nil
	tx.rows = tx.rows[:0]
	clear(tx.scalarRow)
	clear(tx.cvals)
	tx.cvals = tx.cvals[:0]
	tx.pfArena = tx.pfArena[:0]
	tx.slots = 0
	for _, kv := range tx.w.txInit {
		tx.txVars.add(kv[0], kv[1], -1)
	}
}

package match

import "math"

// InspectionLimit is Suricata's inspection recursion limit: the most
// matcher evaluations one buffer's inspection makes, retries included.
const InspectionLimit = 3000

// Results of a step, as Suricata's content inspection returns them.
const (
	noMatch = 0
	matched = 1
	aborted = -1 // the recursion limit was reached: no match, no retries
)

// step is one matcher of a buffer's program.
type step interface {
	// inspect evaluates the step at index i of in's program with the
	// cursor at prev and, when it holds, the steps after it.
	inspect(in *inspector, i, prev int) int
}

// inspector is the state of one buffer's inspection.
type inspector struct {
	steps []step
	buf   []byte
	vars  []uint64
	count int
	stop  bool // Suricata's discontinue_matching: no more retries
	// dceLittle says the buffer is DCE/RPC stub data in little-endian
	// byte order (Suricata's DETECT_CI_FLAGS_DCE_LE).
	dceLittle bool
	// budget is the unit's backtracking regex budget.
	budget *btBudget
	// fx receives the unit's effects, nil when the caller wants none;
	// caps are the pcre captures of the rule being evaluated.
	fx   *Effects
	caps *[]Capture
}

// run evaluates steps[i:] with the cursor at prev.
func (in *inspector) run(i, prev int) int {
	in.count++
	if in.count == InspectionLimit {
		in.stop = true
		return aborted
	}
	return in.steps[i].inspect(in, i, prev)
}

// next evaluates the steps after i, the whole program having matched when
// there are none.
func (in *inspector) next(i, prev int) int {
	if i+1 == len(in.steps) {
		return matched
	}
	return in.run(i+1, prev)
}

// sub inspects another buffer with another program, sharing the
// recursion count and the stop flag, as base64_data does.
func (in *inspector) sub(steps []step, buf []byte) int {
	saved, savedBuf := in.steps, in.buf
	in.steps, in.buf = steps, buf
	r := in.run(0, 0)
	in.steps, in.buf = saved, savedBuf
	return r
}

// num is an integer operand: a constant, or a byte_extract variable.
type num struct {
	val int64
	v   int // variable index, -1 for a constant
}

// get returns the operand's value; a variable past 2^31 reads as 2^31-1,
// beyond any buffer.
func (n num) get(vars []uint64) int64 {
	if n.v < 0 {
		return n.val
	}
	return int64(min(vars[n.v], math.MaxInt32))
}

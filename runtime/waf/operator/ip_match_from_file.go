package operator

// @ipMatchFromFile is @ipMatch over the lines of its files, which the
// compiler has read into Spec.Phrases.
func init() { register("ipMatchFromFile", newIPMatch) }

package operator

// @pmFromFile is @pm over the lines of its files, which the compiler has
// read into Spec.Phrases.
func init() { register("pmFromFile", newPM) }

/**
 * The OCI runtime specification 1.3 for Linux as immutable records, with its reading and writing.
 *
 * <p>Conventions of every record here: an optional object is {@code null} when absent; lists and maps
 * are never null (empty when absent), immutable, and maps keep document order; a component whose JSON
 * type is {@code uint64} holds the value's 64 bits in a {@code long} (print it with
 * {@link java.lang.Long#toUnsignedString(long)}, compare with {@link java.lang.Long#compareUnsigned});
 * {@code uint32} values are held in a {@code long}. Record components are named after the JSON
 * properties, with acronyms in Java case ({@code classID} is {@code classId}).
 *
 * <p>Entry points: {@link dev.berth.specs.SpecReader}, {@link dev.berth.specs.SpecWriter},
 * {@link dev.berth.specs.DefaultSpecs}; validation lives in {@link dev.berth.specs.validate}.
 */
package dev.berth.specs;

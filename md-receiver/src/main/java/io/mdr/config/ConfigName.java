package io.mdr.config;

import java.util.ArrayList;
import java.util.List;

/** An enum whose constants are written in a configuration file by a name of their own ({@link #configName()}). */
interface ConfigName
{
    /** @return the value written in a configuration file, e.g. {@code rx-only}. */
    String configName();

    /** @return every constant's {@link #configName()}, in declaration order. */
    static <E extends Enum<E> & ConfigName> List<String> namesOf(final E[] values)
    {
        final List<String> names = new ArrayList<>();
        for (final E value : values)
        {
            names.add(value.configName());
        }
        return List.copyOf(names);
    }

    /**
     * @param what what the enum is, for the error: e.g. {@code receiver mode}.
     * @return the constant whose {@link #configName()} is {@code configName}.
     * @throws IllegalArgumentException if none is.
     */
    static <E extends Enum<E> & ConfigName> E named(final E[] values, final String configName, final String what)
    {
        for (final E value : values)
        {
            if (value.configName().equals(configName))
            {
                return value;
            }
        }
        throw new IllegalArgumentException("no " + what + " is named " + configName);
    }
}

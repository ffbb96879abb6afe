package io.github.djlsuite.datasets.ctr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.djlsuite.datasets.DataFormatException;
import io.github.djlsuite.datasets.ctr.CtrSchema.Role;
import io.github.djlsuite.datasets.ctr.CtrSchema.Transform;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CtrSchemaTest {

    static final String FULL = """
            {"separator": ";", "header": false, "columns": ["y", "z", "age", "price", "cnt", "item", "hist", "id"],
             "quote": true, "trim": true,
             "fields": [
               {"name": "click", "column": "y", "role": "label"},
               {"name": "buy", "column": "z", "role": "label", "positive": ["yes", "Y"]},
               {"name": "age", "role": "numeric", "transform": "standard"},
               {"name": "price", "role": "numeric", "transform": "bucket", "buckets": 4, "min_count": 2},
               {"name": "cnt", "role": "numeric", "transform": "log"},
               {"name": "item", "role": "categorical", "min_count": 3},
               {"name": "hist", "role": "sequence", "separator": " ", "max_length": 7, "share_vocab": "item"},
               {"name": "id", "role": "ignore"}
             ]}
            """;

    @TempDir
    Path tmp;

    @Test
    void parsesEveryOptionAndRoundTripsThroughJson() {
        CtrSchema s = CtrSchema.parse(FULL);
        assertEquals(";", s.separator());
        assertFalse(s.header());
        assertTrue(s.quote() && s.trim());
        assertEquals(8, s.fields().size());
        assertEquals(List.of("click", "buy"), s.labels().stream().map(CtrSchema.Field::name).toList());
        assertEquals("y", s.field("click").column());
        assertEquals(List.of("yes", "Y"), s.field("buy").positive());
        assertEquals(Transform.STANDARD, s.field("age").transform());
        assertEquals(4, s.field("price").buckets());
        assertEquals(2, s.field("price").minCount());
        assertTrue(s.field("price").isCategoricalSlot() && s.field("cnt").isCategoricalSlot());
        assertTrue(s.field("age").isNumericSlot());
        assertEquals(3, s.field("item").minCount());
        assertEquals(7, s.field("hist").maxLength());
        assertEquals("item", s.field("hist").shareVocab());
        assertEquals(" ", s.field("hist").itemSeparator());
        assertEquals(Role.IGNORE, s.field("id").role());
        assertEquals(s, CtrSchema.parse(s.toJson()));
    }

    @Test
    void bundledSchemasParse() {
        for (String name : List.of("criteo-sample", "avazu-sample", "movielens-sample", "census-income-sample",
                "din-amazon-electronics-sample", "taobao-ad-sample")) {
            CtrSchema s = CtrSchema.resource(name);
            assertEquals(s, CtrSchema.parse(s.toJson()), name);
        }
        assertThrows(IllegalArgumentException.class, () -> CtrSchema.resource("nope"));
    }

    /** Each bad schema and a word the message must contain (the field it names). */
    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        // duplicate name
        "{'fields':[{'name':'a','role':'categorical'},{'name':'a','column':'b','role':'label'}]}|field 'a': duplicate name",
        // bad role
        "{'fields':[{'name':'a','role':'categorial'},{'name':'y','role':'label'}]}|field 'a': bad role 'categorial'",
        // no role
        "{'fields':[{'name':'a'},{'name':'y','role':'label'}]}|field 'a': no role",
        // unknown key in a field
        "{'fields':[{'name':'a','role':'categorical','mincount':3},{'name':'y','role':'label'}]}|field 'a': unknown key 'mincount'",
        // unknown top-level key
        "{'sep':',','fields':[{'name':'a','role':'categorical'},{'name':'y','role':'label'}]}|unknown key 'sep'",
        // bad transform
        "{'fields':[{'name':'a','role':'categorical'},{'name':'n','role':'numeric','transform':'zscore'},{'name':'y','role':'label'}]}|field 'n': bad transform 'zscore'",
        // numeric without transform
        "{'fields':[{'name':'a','role':'categorical'},{'name':'n','role':'numeric'},{'name':'y','role':'label'}]}|field 'n': numeric fields need a transform",
        // sequence without separator
        "{'fields':[{'name':'a','role':'categorical'},{'name':'s','role':'sequence','max_length':3},{'name':'y','role':'label'}]}|field 's': a sequence needs",
        // sequence without max_length
        "{'fields':[{'name':'a','role':'categorical'},{'name':'s','role':'sequence','separator':' '},{'name':'y','role':'label'}]}|field 's': max_length",
        // share_vocab to an unknown field
        "{'fields':[{'name':'a','role':'categorical'},{'name':'s','role':'sequence','separator':' ','max_length':3,'share_vocab':'b'},{'name':'y','role':'label'}]}|field 's': share_vocab 'b'",
        // min_count 0
        "{'fields':[{'name':'a','role':'categorical','min_count':0},{'name':'y','role':'label'}]}|field 'a': min_count",
        // min_count on a label
        "{'fields':[{'name':'a','role':'categorical'},{'name':'y','role':'label','min_count':2}]}|field 'y': min_count",
        // non-integer option
        "{'fields':[{'name':'a','role':'categorical','min_count':2.5},{'name':'y','role':'label'}]}|field 'a': 'min_count' must be an integer",
        // positive on a non-label
        "{'fields':[{'name':'a','role':'categorical','positive':['1']},{'name':'y','role':'label'}]}|field 'a': positive",
        // two fields on one column
        "{'fields':[{'name':'a','role':'categorical'},{'name':'b','column':'a','role':'label'}]}|field 'b': column 'a'",
        // no label
        "{'fields':[{'name':'a','role':'categorical'}]}|at least one label",
        // no categorical
        "{'fields':[{'name':'n','role':'numeric','transform':'standard'},{'name':'y','role':'label'}]}|at least one categorical",
        // header false without columns
        "{'header':false,'fields':[{'name':'a','role':'categorical'},{'name':'y','role':'label'}]}|needs the columns list",
        // unknown field (column not in the columns list)
        "{'header':false,'columns':['a','y'],'fields':[{'name':'a','role':'categorical'},{'name':'y','role':'label'},{'name':'q','role':'ignore'}]}|field 'q': unknown column 'q'",
        // a column without field
        "{'header':false,'columns':['a','y','z'],'fields':[{'name':'a','role':'categorical'},{'name':'y','role':'label'}]}|column 'z' has no field",
        // bucket transform with 1 bucket
        "{'fields':[{'name':'a','role':'categorical'},{'name':'n','role':'numeric','transform':'bucket','buckets':1},{'name':'y','role':'label'}]}|field 'n': buckets",
        // separator of two characters
        "{'separator':';;','fields':[{'name':'a','role':'categorical'},{'name':'y','role':'label'}]}|separator must be one character",
        // not JSON
        "{'fields':[|not a JSON object"
    })
    void badSchemasNameTheField(String json, String expected) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CtrSchema.parse(json.replace('\'', '"')));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }

    @Test
    void readWrapsErrorsWithTheFile() throws IOException {
        Path f = tmp.resolve("s.json");
        Files.writeString(f, "{\"fields\":[{\"name\":\"a\",\"role\":\"bogus\"}]}");
        DataFormatException e = assertThrows(DataFormatException.class, () -> CtrSchema.read(f));
        assertTrue(e.getMessage().contains("s.json") && e.getMessage().contains("field 'a'"), e.getMessage());
    }

    @Test
    void headerValidationNamesFieldAndFile() throws IOException {
        CtrSchema s = CtrSchema.parse("{\"fields\":[{\"name\":\"a\",\"role\":\"categorical\"},"
                + "{\"name\":\"y\",\"role\":\"label\"}]}");
        Path missing = tmp.resolve("missing.csv");
        Files.writeString(missing, "y,b\n1,x\n");
        DataFormatException e = assertThrows(DataFormatException.class, () -> CtrCsv.read(missing, s));
        assertTrue(e.getMessage().contains("missing.csv (line 1)") && e.getMessage().contains("field 'a': missing column 'a'"),
                e.getMessage());
        Path extra = tmp.resolve("extra.csv");
        Files.writeString(extra, "y,a,b\n1,x,z\n");
        e = assertThrows(DataFormatException.class, () -> CtrCsv.read(extra, s));
        assertTrue(e.getMessage().contains("unknown field: column 'b'"), e.getMessage());
        Path dup = tmp.resolve("dup.csv");
        Files.writeString(dup, "y,a,a\n1,x,z\n");
        e = assertThrows(DataFormatException.class, () -> CtrCsv.read(dup, s));
        assertTrue(e.getMessage().contains("column 'a' appears twice"), e.getMessage());
    }

    @Test
    void badLabelsNameFieldAndLine() throws IOException {
        CtrSchema s = CtrSchema.parse("{\"fields\":[{\"name\":\"a\",\"role\":\"categorical\"},"
                + "{\"name\":\"y\",\"role\":\"label\"}, {\"name\":\"n\",\"role\":\"numeric\",\"transform\":\"none\"}]}");
        Path f = tmp.resolve("l.csv");
        Files.writeString(f, "y,a,n\n1,x,3\n2,x,4\n");
        DataFormatException e = assertThrows(DataFormatException.class, () -> CtrCsv.read(f, s));
        assertTrue(e.getMessage().contains("l.csv (line 3)") && e.getMessage().contains("field 'y': label must be 0 or 1, got '2'"),
                e.getMessage());
        Files.writeString(f, "y,a,n\n1,x,3\n,x,4\n");
        e = assertThrows(DataFormatException.class, () -> CtrCsv.read(f, s));
        assertTrue(e.getMessage().contains("(line 3)") && e.getMessage().contains("field 'y': the label is missing"),
                e.getMessage());
        Files.writeString(f, "y,a,n\n1,x,3\n0,x,four\n");
        e = assertThrows(DataFormatException.class, () -> CtrCsv.read(f, s));
        assertTrue(e.getMessage().contains("(line 3)") && e.getMessage().contains("field 'n': not a number: 'four'"),
                e.getMessage());
        Files.writeString(f, "y,a,n\n1,x,3\n0,x,NaN\n");
        e = assertThrows(DataFormatException.class, () -> CtrCsv.read(f, s));
        assertTrue(e.getMessage().contains("field 'n': not a finite number"), e.getMessage());
    }

    @Test
    void quotedValuesAndTrim() throws IOException {
        CtrSchema s = CtrSchema.parse("{\"quote\":true,\"trim\":true,\"fields\":[{\"name\":\"t\",\"role\":\"categorical\"},"
                + "{\"name\":\"y\",\"role\":\"label\",\"positive\":[\"yes\"]}]}");
        Path f = tmp.resolve("q.csv");
        Files.writeString(f, "t,y\n\"Apartment, The (1960)\", yes\n\"say \"\"hi\"\"\",no\n");
        CtrTable t = CtrCsv.read(f, s);
        assertEquals("Apartment, The (1960)", t.rows().get(0)[0]);
        assertEquals("say \"hi\"", t.rows().get(1)[0]);
        assertEquals(List.of(1, 0), List.of(t.labels(0)[0], t.labels(0)[1]));
        Files.writeString(f, "t,y\n\"open,yes\n");
        DataFormatException e = assertThrows(DataFormatException.class, () -> CtrCsv.read(f, s));
        assertTrue(e.getMessage().contains("(line 2, character 1)") && e.getMessage().contains("not closed"),
                e.getMessage());
    }
}

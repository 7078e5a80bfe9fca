package io.livemig.validate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.livemig.TestData;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class DatasetGoldenTest {
    @Test
    void loadsTheThreeTablesWithTheirDocumentedRowCounts() {
        Dataset d = Dataset.load(TestData.datasetDir());
        assertThat(d.measured().rowCount()).isEqualTo(770);
        assertThat(d.params().rowCount()).isEqualTo(55);
        assertThat(d.referenceErrors().rowCount()).isEqualTo(3724);
        assertThat(d.measured()
                        .booleanColumn("in_repo_361")
                        .where(d.measured().booleanColumn("in_repo_361").isTrue())
                        .size())
                .isEqualTo(2 * 361);
    }

    @Test
    void missingDirectoryIsAFormatErrorNamingIt() {
        assertThatThrownBy(() -> Dataset.load(Path.of("no-such-dir")))
                .isInstanceOf(DatasetFormatException.class)
                .hasMessageContaining("no-such-dir");
    }
}

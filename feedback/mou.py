"""The MOU commitments partner feedback checks by default (the model MOU's clauses), in English
and Spanish: seeded by migration feedback/0002 and restored by ``commitments_ensure`` when the
table is empty (as in tests that flush the database)."""

DEFAULT_COMMITMENTS = [
    (
        "not-discipline",
        "2.1",
        "The SRO was not used for school discipline.",
        "No se recurrió al SRO para la disciplina escolar.",
    ),
    (
        "public-order",
        "2.2",
        "Public order offences were treated as school discipline unless there was a real and immediate threat.",
        "Las faltas de orden público se trataron como disciplina escolar salvo ante una amenaza real e inmediata.",
    ),
    (
        "custody-consult",
        "2.4",
        "The principal was consulted before a student was taken into custody, and the guardian was notified.",
        "Se consultó a la dirección antes de detener a un estudiante y se avisó a su familia o tutor.",
    ),
    (
        "annual-meeting",
        "3",
        "The annual meeting of the SRO, administrators, teachers, parents and students was held.",
        "Se celebró la reunión anual del SRO con la dirección, el profesorado, las familias y el alumnado.",
    ),
    (
        "communication",
        "4",
        "Communication between the school and the SRO was regular.",
        "La comunicación entre la escuela y el SRO fue regular.",
    ),
    ("training", "5", "The agreed training was done.", "Se realizó la capacitación acordada."),
]
